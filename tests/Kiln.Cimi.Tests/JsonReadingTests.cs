using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>Create and edit bodies in JSON, and the errors a bad one gets, each naming its JSON path.</summary>
public class JsonReadingTests
{
    [Fact]
    public void A_flat_body_with_its_resourceURI_is_read()
    {
        var create = Bodies.JsonCreate($$"""
            {
              "resourceURI": "{{CimiUris.MachineImage}}",
              "name": "web",
              "description": "my new machine image",
              "type": "IMAGE",
              "imageLocation": "http://h/cimi/machines/inst1",
              "properties": {"format": "qcow2", "arch": "x86_64"}
            }
            """);

        Assert.Equal(("web", "my new machine image", MachineImageType.Image), (create.Name, create.Description, create.Type));
        Assert.Equal("http://h/cimi/machines/inst1", create.ImageLocation);
        Assert.Equal([new("format", "qcow2"), new("arch", "x86_64")], create.Properties);
    }

    [Fact]
    public void ImageLocation_is_read_from_an_href_object()
    {
        Assert.Equal("http://h/cimi/machines/m1", Bodies.JsonCreate("""{"imageLocation": {"href": " http://h/cimi/machines/m1 "}}""").ImageLocation);
    }

    [Theory]
    [InlineData("MachineImage")]
    [InlineData("MachineImageCreate")]
    [InlineData("machineImageCreate")]
    public void A_body_wrapped_under_a_root_name_is_read(string root)
    {
        Assert.Equal("web", Bodies.JsonCreate($$$"""{"{{{root}}}": {"name": "web"}}""").Name);
    }

    [Fact]
    public void Padded_strings_are_trimmed_and_null_is_absent()
    {
        var create = Bodies.JsonCreate("""{"name": "  web ", "type": " snapshot ", "description": null, "properties": {"format": " qcow2 "}}""");

        Assert.Equal(("web", MachineImageType.Snapshot), (create.Name, create.Type));
        Assert.Null(create.Description);
        Assert.Equal([new("format", "qcow2")], create.Properties);
    }

    [Fact]
    public void Numbers_and_booleans_in_properties_are_taken_as_their_text()
    {
        var create = Bodies.JsonCreate("""{"properties": {"cpus": 2, "ssd": true}}""");

        Assert.Equal([new("cpus", "2"), new("ssd", "true")], create.Properties);
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line_position_and_path()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("{\n  \"name\": \"web\",\n  \"type\": }"));

        Assert.StartsWith("The body is not well-formed JSON: line 3, position 11", error.Message, StringComparison.Ordinal);
        Assert.Equal((3, 11), (error.LineNumber, error.LinePosition));
        Assert.DoesNotContain("LineNumber:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_refused_naming_its_path()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"name": 42}"""));

        Assert.Equal("$.name must be a string, not a number.", error.Message);
        Assert.Equal("$.name", error.Path);
    }

    [Fact]
    public void A_property_value_that_is_an_object_is_refused_naming_its_path()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"machineImageCreate": {"properties": {"disk size": {"gb": 2}}}}"""));

        Assert.Equal("$.machineImageCreate.properties['disk size'] must be a string, not an object.", error.Message);
    }

    [Fact]
    public void An_unknown_type_is_refused_naming_the_allowed_values()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"type": "DISK"}"""));

        Assert.Equal("$.type must be IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT, not \"DISK\".", error.Message);
    }

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"web\"", "a string")]
    [InlineData("null", "null")]
    public void A_body_that_is_no_object_is_refused(string body, string described)
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate(body));

        Assert.Equal($"$ expected a JSON object with the MachineImage's attributes, not {described}.", error.Message);
    }

    [Fact]
    public void A_member_given_twice_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"name": "a", "name": "b"}"""));

        Assert.Equal("$.name is given twice.", error.Message);
    }

    [Fact]
    public void Properties_that_are_no_object_and_an_imageLocation_object_without_href_are_refused()
    {
        Assert.Equal(
            "$.properties must be an object of names to values, not an array.",
            Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"properties": ["a"]}""")).Message);
        Assert.Equal(
            "$.imageLocation must be a string or an object with an href.",
            Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("""{"imageLocation": {}}""")).Message);
    }

    [Fact]
    public void A_body_with_a_byte_order_mark_is_read()
    {
        using var body = new MemoryStream([.. "\uFEFF"u8, .. """{"name": "web"}"""u8]);

        Assert.Equal("web", CimiJson.ReadMachineImageCreate(body, Bodies.Limit).Name);
    }

    [Fact]
    public void An_empty_body_is_refused()
    {
        Assert.StartsWith("The body is empty", Assert.Throws<CimiFormatException>(() => Bodies.JsonCreate("")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_body_keeps_name_description_and_properties_read_asynchronously()
    {
        using var body = new AsyncOnlyStream(Bodies.Body("""{"name": "web2", "properties": {}}"""));

        var edit = await CimiJson.ReadMachineImageEditAsync(body, Bodies.Limit);

        Assert.Equal("web2", edit.Name);
        Assert.Null(edit.Description);
        Assert.Empty(edit.Properties!);
    }

    [Fact]
    public void An_edit_body_without_properties_says_so_with_null()
    {
        using var body = Bodies.Body("""{"description": "d"}""");

        Assert.Null(CimiJson.ReadMachineImageEdit(body, Bodies.Limit).Properties);
    }
}
