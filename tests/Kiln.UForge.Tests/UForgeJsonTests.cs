using System.Text.Json;
using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

public class UForgeJsonTests
{
    [Fact]
    public async Task A_document_is_wrapped_in_its_root_name_with_the_xml_field_names_and_dates()
    {
        var image = new Image { DbId = 346, Created = Samples.When, Compress = true, Name = "web", InstallProfile = new InstallProfile { MemorySize = 512 } };

        var json = Bodies.Text(await Bodies.JsonAsync(image));

        Assert.Equal(
            """{"image":{"created":"2018-04-16T11:43:59.123Z","dbId":346,"compress":true,"installProfile":{"memorySize":512},"name":"web"}}""",
            json);
    }

    [Fact]
    public async Task A_list_is_wrapped_twice_root_then_item_name()
    {
        var images = new Images { Total = 2, Items = [new Image { DbId = 1 }, new Image { DbId = 2 }] };

        var json = Bodies.Text(await Bodies.JsonAsync(images));

        Assert.Equal("""{"images":{"total":2,"image":[{"dbId":1},{"dbId":2}]}}""", json);
    }

    [Fact]
    public async Task Lists_inside_a_document_are_wrapped_as_in_xml()
    {
        var profile = new InstallProfile { Users = [new OSUser { Name = "admin", SshKeys = [new SSHKey { PublicKey = "ssh-ed25519 AAAA" }] }] };

        var json = Bodies.Text(await Bodies.JsonAsync(profile));

        Assert.Equal(
            """{"installProfile":{"users":{"user":[{"name":"admin","sshKeys":{"sshKey":[{"publicKey":"ssh-ed25519 AAAA"}]}}]}}}""",
            json);
    }

    [Fact]
    public async Task An_abstract_os_profile_carries_its_type()
    {
        var json = Bodies.Text(await Bodies.JsonAsync(new Appliance { OsProfile = new LinuxProfile { Name = "Minimal" } }));

        Assert.Equal("""{"appliance":{"osProfile":{"xsi:type":"LinuxProfile","name":"Minimal"}}}""", json);
    }

    [Theory]
    [InlineData("""{"images":{"total":2,"image":[{"dbId":1},{"dbId":2}]}}""")]
    [InlineData("""{"images":{"total":"2","images":{"image":[{"dbId":"1"},{"dbId":2}]}}}""")]
    [InlineData("""{"images":{"total":2,"images":[{"dbId":1},{"dbId":2}]}}""")]
    public async Task A_list_reads_in_either_wrapping(string body)
    {
        var images = await Bodies.ReadJsonAsync<Images>(body);

        Assert.Equal(2, images.Total);
        Assert.Equal([1L, 2L], images.Items!.Select(i => i.DbId!.Value));
    }

    [Theory]
    [InlineData("""{"images":{"image":{"dbId":7}}}""")]
    [InlineData("""{"images":{"images":{"image":{"dbId":7}}}}""")]
    public async Task A_one_item_list_without_its_array_reads(string body)
    {
        var images = await Bodies.ReadJsonAsync<Images>(body);

        Assert.Equal(7, Assert.Single(images.Items!).DbId);
    }

    [Theory]
    [InlineData("""{"image":{"compress":true,"targetFormat":{"name":"VirtualBox"},"installProfile":{"memorySize":512}}}""")]
    [InlineData("""{"image":{"compress":"true","targetFormat":{"name":"VirtualBox"},"installProfile":{"memorySize":"512"},"unknown":{"a":[1]}}}""")]
    public async Task The_seed_request_reads_from_json_with_values_as_strings_or_not(string body)
    {
        var image = await Bodies.ReadJsonAsync<Image>(body);

        Assert.True(image.Compress);
        Assert.Equal("VirtualBox", image.TargetFormat?.Name);
        Assert.Equal(512, image.InstallProfile?.MemorySize);
    }

    [Fact]
    public async Task Null_values_read_as_absent()
    {
        var image = await Bodies.ReadJsonAsync<Image>("""{"image":{"name":null,"installProfile":null,"compress":null}}""");

        Assert.Null(image.Name);
        Assert.Null(image.InstallProfile);
        Assert.Null(image.Compress);
    }

    [Theory]
    [InlineData("""{"image":{"installProfile":{"memorySize":"lots"}}}""", "$.image.installProfile.memorySize must be an xs:long, not the string \"lots\".")]
    [InlineData("""{"image":{"compress":"yes"}}""", "$.image.compress must be an xs:boolean, not the string \"yes\".")]
    [InlineData("""{"image":{"targetFormat":"VirtualBox"}}""", "$.image.targetFormat must be an object, not the string \"VirtualBox\".")]
    [InlineData("""{"image":{"created":"yesterday"}}""", "$.image.created must be an xs:dateTime, not the string \"yesterday\".")]
    [InlineData("""{"image":{"name":{"first":"web"}}}""", "$.image.name must be an xs:string, not an object.")]
    [InlineData("""{"appliance":{}}""", "Expected a JSON object whose property \"image\" holds the document, not an object without it.")]
    [InlineData("""[{"image":{}}]""", "Expected a JSON object whose property \"image\" holds the document, not an array without it.")]
    [InlineData("""{"appliance":{"osProfile":{"xsi:type":"WindowsProfile"}}}""", "$.appliance.osProfile")]
    public async Task A_json_body_that_is_not_a_document_names_the_path(string body, string expected)
    {
        var type = body.Contains("appliance\":{\"os", StringComparison.Ordinal) ? typeof(Appliance) : typeof(Image);

        var error = await Assert.ThrowsAsync<UForgeFormatException>(
            () => UForgeJson.ReadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body)), type));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"image":{"compress":tru}}""", 1)]
    [InlineData("{\n  \"image\": {\n    \"name\": \"web\",\n  }\n}", 4)]
    [InlineData("", 1)]
    public async Task Malformed_json_is_a_format_error_with_its_line(string body, int line)
    {
        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadJsonAsync<Image>(body));

        Assert.StartsWith("The body is not well-formed JSON: line ", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.LineNumber);
        Assert.IsType<JsonException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task Nesting_beyond_any_real_document_is_a_format_error()
    {
        var body = """{"category":""" + string.Concat(Enumerable.Repeat("""{"subCategories":{"category":[""", 200)) + "{}"
            + string.Concat(Enumerable.Repeat("]}}", 200)) + "}";

        await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadJsonAsync<Category>(body));
    }
}
