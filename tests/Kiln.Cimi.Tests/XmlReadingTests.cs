using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>Create and edit bodies in XML as real clients send them, and the errors a bad one gets.</summary>
public class XmlReadingTests
{
    [Fact]
    public void The_seed_create_body_without_namespace_is_read()
    {
        var create = Bodies.XmlCreate(Seed.CreateRequest);

        Assert.Equal("some_name", create.Name);
        Assert.Equal("my new machine_image", create.Description);
        Assert.Equal(MachineImageType.Image, create.Type);
        Assert.Equal("http://localhost:3001/cimi/machines/inst1", create.ImageLocation);
        Assert.Empty(create.Properties);
    }

    [Theory]
    [InlineData("MachineImage")]
    [InlineData("MachineImageCreate")]
    [InlineData("machineImageCreate")]
    public void A_body_in_the_cimi_namespace_is_read_under_each_root_clients_use(string root)
    {
        var create = Bodies.XmlCreate(
            $"""<{root} xmlns="{CimiUris.Namespace}"><name>web</name><type>SNAPSHOT</type><imageLocation>http://h/cimi/machines/m1</imageLocation></{root}>""");

        Assert.Equal(("web", MachineImageType.Snapshot, "http://h/cimi/machines/m1"), (create.Name, create.Type, create.ImageLocation));
    }

    [Theory]
    [InlineData("MachineImageCreate")]
    [InlineData("machineImageCreate")]
    public void A_body_without_namespace_is_read_under_each_root(string root)
    {
        Assert.Equal("web", Bodies.XmlCreate($"<{root}><name>web</name></{root}>").Name);
    }

    [Fact]
    public void A_prefixed_root_with_prefixed_children_is_read()
    {
        var create = Bodies.XmlCreate($"""<c:MachineImage xmlns:c="{CimiUris.Namespace}"><c:name>web</c:name><c:description>d</c:description></c:MachineImage>""");

        Assert.Equal(("web", "d"), (create.Name, create.Description));
    }

    [Fact]
    public void Padded_text_is_trimmed()
    {
        var create = Bodies.XmlCreate("""
            <MachineImage>
              <name>
                 web
              </name>
              <type> IMAGE </type>
              <imageLocation>  http://h/cimi/machines/m1  </imageLocation>
              <property name=" format "> qcow2 </property>
            </MachineImage>
            """);

        Assert.Equal(("web", MachineImageType.Image, "http://h/cimi/machines/m1"), (create.Name, create.Type, create.ImageLocation));
        Assert.Equal([new("format", "qcow2")], create.Properties);
    }

    [Fact]
    public void The_type_is_read_whatever_its_letter_case()
    {
        Assert.Equal(MachineImageType.PartialSnapshot, Bodies.XmlCreate("<MachineImage><type>partial_snapshot</type></MachineImage>").Type);
    }

    [Fact]
    public void ImageLocation_is_read_from_an_href_attribute()
    {
        var create = Bodies.XmlCreate("""<MachineImage><imageLocation href=" http://h/cimi/machines/m1 "/></MachineImage>""");

        Assert.Equal("http://h/cimi/machines/m1", create.ImageLocation);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("key")]
    public void A_property_is_named_by_name_or_by_key(string attribute)
    {
        var create = Bodies.XmlCreate($"""<MachineImage><property {attribute}="format">qcow2</property><property {attribute}="arch">x86_64</property></MachineImage>""");

        Assert.Equal([new("format", "qcow2"), new("arch", "x86_64")], create.Properties);
    }

    [Fact]
    public void Unknown_and_foreign_elements_are_skipped()
    {
        var create = Bodies.XmlCreate("""
            <MachineImage xmlns:x="urn:other">
              <id>http://h/ignored</id>
              <state>AVAILABLE</state>
              <x:name>not this one</x:name>
              <colour><deep>blue</deep></colour>
              <name>web</name>
            </MachineImage>
            """);

        Assert.Equal("web", create.Name);
    }

    [Fact]
    public void An_empty_element_is_given_as_empty_and_a_missing_one_as_null()
    {
        var create = Bodies.XmlCreate("<MachineImage><description/></MachineImage>");

        Assert.Equal("", create.Description);
        Assert.Null(create.Name);
        Assert.Null(create.Type);
    }

    [Fact]
    public void An_unknown_type_is_refused_naming_its_line_and_the_allowed_values()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage>\n  <type>DISK</type>\n</MachineImage>"));

        Assert.Equal("Line 2, position 4: <type> must be IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT, not \"DISK\".", error.Message);
        Assert.Equal((2, 4), (error.LineNumber, error.LinePosition));
    }

    [Fact]
    public void A_root_that_is_no_machine_image_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<Machine><name>x</name></Machine>"));

        Assert.Equal("Line 1, position 2: expected the element <MachineImage> or <MachineImageCreate>, not <Machine>.", error.Message);
    }

    [Fact]
    public void A_root_in_another_namespace_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("""<MachineImage xmlns="urn:other"/>"""));

        Assert.Contains("of namespace urn:other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_xml_is_refused_with_its_line_and_position()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage>\n<name>web</nam>\n</MachineImage>"));

        Assert.StartsWith("The body is not well-formed XML: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.LineNumber);
        Assert.NotNull(error.LinePosition);
    }

    [Fact]
    public void An_empty_body_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate(""));

        Assert.StartsWith("The body is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_property_without_a_name_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage><property>qcow2</property></MachineImage>"));

        Assert.Contains("<property> needs a name attribute", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_given_twice_is_refused()
    {
        var twice = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage><name>a</name><name>b</name></MachineImage>"));
        var property = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("""<MachineImage><property name="a">1</property><property key="a">2</property></MachineImage>"""));

        Assert.Equal("Line 1, position 30: <name> is given twice.", twice.Message);
        Assert.Contains("the property \"a\" is given twice", property.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_holding_elements_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => Bodies.XmlCreate("<MachineImage><name><first>web</first></name></MachineImage>"));

        Assert.Contains("<name> holds elements, not text", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edit_body_keeps_name_description_and_properties()
    {
        using var body = Bodies.Body("""<MachineImage><name>web2</name><description>new</description><property name="a">1</property><type>IMAGE</type></MachineImage>""");

        var edit = CimiXml.ReadMachineImageEdit(body, Bodies.Limit);

        Assert.Equal(("web2", "new"), (edit.Name, edit.Description));
        Assert.Equal([new("a", "1")], edit.Properties!);
    }

    [Fact]
    public void An_edit_body_without_properties_says_so_with_null()
    {
        using var body = Bodies.Body("<MachineImage><description>new</description></MachineImage>");

        var edit = CimiXml.ReadMachineImageEdit(body, Bodies.Limit);

        Assert.Null(edit.Name);
        Assert.Null(edit.Properties);
    }

    [Fact]
    public async Task Bodies_are_read_asynchronously_from_a_stream_that_only_reads_asynchronously()
    {
        using var create = new AsyncOnlyStream(Bodies.Body(Seed.CreateRequest));
        using var edit = new AsyncOnlyStream(Bodies.Body("<MachineImage><name>x</name></MachineImage>"));

        Assert.Equal("some_name", (await CimiXml.ReadMachineImageCreateAsync(create, Bodies.Limit)).Name);
        Assert.Equal("x", (await CimiXml.ReadMachineImageEditAsync(edit, Bodies.Limit)).Name);
    }
}
