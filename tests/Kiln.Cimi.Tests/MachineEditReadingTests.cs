using System.Text;

namespace Kiln.Cimi.Tests;

public sealed class MachineEditReadingTests
{
    private const long Max = 64 * 1024;

    [Fact]
    public void An_XML_machine_sent_back_whole_keeps_name_description_and_properties_and_ignores_the_rest()
    {
        var body = """
            <Machine xmlns="http://schemas.dmtf.org/cimi/1">
              <id>http://localhost/cimi/machines/1</id>
              <name> web </name>
              <description>front end</description>
              <property key="tier">web</property>
              <state>STARTED</state>
              <cpu>2</cpu>
            </Machine>
            """;

        var edit = CimiXml.ReadMachineEdit(Stream(body), Max);

        Assert.Equal(("web", "front end"), (edit.Name, edit.Description));
        Assert.Equal([new KeyValuePair<string, string>("tier", "web")], edit.Properties);
    }

    [Fact]
    public void An_XML_edit_without_properties_leaves_them_null_so_they_are_kept()
    {
        var edit = CimiXml.ReadMachineEdit(Stream("<Machine><name>n</name></Machine>"), Max);

        Assert.Null(edit.Properties);
        Assert.Null(edit.Description);
    }

    [Fact]
    public void A_JSON_edit_reads_name_and_properties_and_ignores_state()
    {
        var edit = CimiJson.ReadMachineEdit(Stream("""{"name": "db", "state": "STOPPED", "properties": {"tier": "data"}}"""), Max);

        Assert.Equal("db", edit.Name);
        Assert.Equal([new KeyValuePair<string, string>("tier", "data")], edit.Properties);
    }

    [Theory]
    [InlineData("<MachineImage><name>n</name></MachineImage>")]
    [InlineData("<!DOCTYPE Machine [<!ENTITY x 'y'>]><Machine><name>&x;</name></Machine>")]
    [InlineData("<Machine><name>n</name>")]
    public void An_XML_body_that_is_not_a_machine_or_not_safe_is_refused(string body) =>
        Assert.Throws<CimiFormatException>(() => CimiXml.ReadMachineEdit(Stream(body), Max));

    [Fact]
    public void A_body_over_the_limit_is_refused_as_too_large()
    {
        var error = Assert.Throws<CimiFormatException>(() => CimiJson.ReadMachineEdit(Stream($"{{\"name\": \"{new string('x', 2000)}\"}}"), 100));

        Assert.True(error.IsTooLarge);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
