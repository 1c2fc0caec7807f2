using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

/// <summary>What Kiln writes must validate against uforge.xsd: clients generated from it (hammr's SDK) check.</summary>
public class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(Samples.Roots), MemberType = typeof(Samples))]
    public async Task Every_document_fully_populated_is_valid_against_uforge_xsd(string root)
    {
        var xml = await Bodies.XmlAsync(Samples.Full(Samples.TypeOf(root)));

        Assert.Empty(UForgeSchema.Validate(xml));
    }

    [Fact]
    public void The_validator_itself_catches_an_element_out_of_order_and_an_unknown_root()
    {
        var misordered = "<ns0:image xmlns:ns0=\"http://www.usharesoft.com/uforge\"><name>web</name><compress>true</compress></ns0:image>"u8.ToArray();
        var unknown = "<ns0:picture xmlns:ns0=\"http://www.usharesoft.com/uforge\"/>"u8.ToArray();

        Assert.NotEmpty(UForgeSchema.Validate(misordered));
        Assert.NotEmpty(UForgeSchema.Validate(unknown));
    }

    [Fact]
    public async Task A_list_of_abstract_profiles_names_each_concrete_type_and_is_valid()
    {
        var profiles = new DistribProfiles { Total = 1, Items = [new LinuxProfile { Name = "Minimal", Arch = "x86_64" }] };

        var xml = await Bodies.XmlAsync(profiles);

        Assert.Contains("xsi:type=\"ns0:LinuxProfile\"", Bodies.Text(xml), StringComparison.Ordinal);
        Assert.Empty(UForgeSchema.Validate(xml));
    }

    [Fact]
    public async Task Characters_xml_cannot_carry_are_replaced_and_the_document_stays_valid()
    {
        var status = new OpStatus { Error = true, DetailedErrorMsg = "mke2fs: \u001b[31mfailed\u001b[0m\u0000" };

        var xml = await Bodies.XmlAsync(status);

        Assert.Contains("<detailedErrorMsg>mke2fs: \uFFFD[31mfailed\uFFFD[0m\uFFFD</detailedErrorMsg>", Bodies.Text(xml), StringComparison.Ordinal);
        Assert.Empty(UForgeSchema.Validate(xml));
    }
}
