using Kiln.UForge.Tests.Support;

namespace Kiln.UForge.Tests;

public class UForgeXmlReadingTests
{
    private const string Ns = "http://www.usharesoft.com/uforge";

    [Fact]
    public async Task The_seed_request_body_reads_as_an_image_request()
    {
        var seed = await File.ReadAllTextAsync(RepositoryFiles.Path("reference", "seeds", "uforge-machineImage_generate.rst"));
        var start = seed.IndexOf("<ns0:image", StringComparison.Ordinal);
        var end = seed.IndexOf("</ns0:image>", StringComparison.Ordinal) + "</ns0:image>".Length;

        var image = await Bodies.ReadXmlAsync<Image>(seed[start..end]);

        Assert.True(image.Compress);
        Assert.Equal("VirtualBox", image.TargetFormat?.Name);
        Assert.Equal(512, image.InstallProfile?.MemorySize);
        Assert.Null(image.Name);
    }

    [Fact]
    public async Task A_body_with_xsi_type_everywhere_as_the_generated_sdk_sends_reads()
    {
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <ns1:image xmlns:ns1="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns1:Image">
              <compress xsi:type="xsd:boolean" xmlns:xsd="http://www.w3.org/2001/XMLSchema">true</compress>
              <targetFormat xsi:type="ns1:TargetFormat"><name>QCOW2</name><format xsi:type="ns1:ImageFormat"><name>qcow2</name></format></targetFormat>
              <installProfile xsi:type="ns1:InstallProfile"><diskSize>10240</diskSize><memorySize>1024</memorySize></installProfile>
            </ns1:image>
            """;

        var image = await Bodies.ReadXmlAsync<Image>(body);

        Assert.True(image.Compress);
        Assert.Equal("qcow2", image.TargetFormat?.Format?.Name);
        Assert.Equal(10240, image.InstallProfile?.DiskSize);
    }

    [Fact]
    public async Task An_abstract_os_profile_takes_its_type_from_xsi_type_or_defaults_to_linux()
    {
        var withType = $"""<ns0:appliance xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><osProfile xsi:type="ns0:LinuxProfile"><name>Minimal</name></osProfile></ns0:appliance>""";
        var without = $"""<ns0:appliance xmlns:ns0="{Ns}"><osProfile><name>Minimal</name></osProfile></ns0:appliance>""";

        Assert.Equal("Minimal", Assert.IsType<LinuxProfile>((await Bodies.ReadXmlAsync<Appliance>(withType)).OsProfile).Name);
        Assert.Equal("Minimal", Assert.IsType<LinuxProfile>((await Bodies.ReadXmlAsync<Appliance>(without)).OsProfile).Name);
    }

    [Fact]
    public async Task A_linux_profile_reads_under_its_own_root_or_the_abstract_one()
    {
        var concrete = $"""<ns0:linuxProfile xmlns:ns0="{Ns}"><name>Minimal</name><standardProfileUri>distributions/1/profiles/2</standardProfileUri></ns0:linuxProfile>""";
        var abstractRoot = $"""<ns0:distribProfile xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ns0:LinuxProfile"><name>Minimal</name></ns0:distribProfile>""";

        Assert.Equal("distributions/1/profiles/2", (await Bodies.ReadXmlAsync<LinuxProfile>(concrete)).StandardProfileUri);
        Assert.Equal("Minimal", (await Bodies.ReadXmlAsync<LinuxProfile>(abstractRoot)).Name);
        Assert.IsType<LinuxProfile>(await Bodies.ReadXmlAsync<DistribProfile>(concrete));
    }

    [Fact]
    public async Task An_unsupported_xsi_type_is_named_in_the_error()
    {
        var body = $"""<ns0:appliance xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><osProfile xsi:type="ns0:WindowsProfile"/></ns0:appliance>""";

        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Appliance>(body));

        Assert.Contains("WindowsProfile", error.Message, StringComparison.Ordinal);
        Assert.Contains("LinuxProfile", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData($"""<ns0:image xmlns:ns0="{Ns}"><ns0:compress>true</ns0:compress><ns0:installProfile><ns0:memorySize>512</ns0:memorySize></ns0:installProfile></ns0:image>""")]
    [InlineData($"""<image xmlns="{Ns}"><compress>true</compress><installProfile><memorySize>512</memorySize></installProfile></image>""")]
    [InlineData("""<image><compress>true</compress><installProfile><memorySize>512</memorySize></installProfile></image>""")]
    public async Task Children_may_be_qualified_or_not_and_the_root_may_lack_the_namespace(string body)
    {
        var image = await Bodies.ReadXmlAsync<Image>(body);

        Assert.True(image.Compress);
        Assert.Equal(512, image.InstallProfile?.MemorySize);
    }

    [Fact]
    public async Task Unknown_elements_foreign_elements_and_foreign_attributes_are_passed_over()
    {
        var body = $"""
            <ns0:image xmlns:ns0="{Ns}" xmlns:x="urn:example" x:trace="1">
              <!-- a comment -->
              <futureField><deep><deeper>1</deeper></deep></futureField>
              <x:compress>false</x:compress>
              <compress x:origin="ui">true</compress>
              <name><![CDATA[web <1>]]></name>
            </ns0:image>
            """;

        var image = await Bodies.ReadXmlAsync<Image>(body);

        Assert.True(image.Compress);
        Assert.Equal("web <1>", image.Name);
    }

    [Fact]
    public async Task Xsi_nil_reads_as_absent()
    {
        var body = $"""<ns0:image xmlns:ns0="{Ns}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><name xsi:nil="true"/><revision xsi:nil="true"/></ns0:image>""";

        var image = await Bodies.ReadXmlAsync<Image>(body);

        Assert.Null(image.Name);
        Assert.Null(image.Revision);
    }

    [Fact]
    public async Task Values_take_the_xsd_lexical_forms()
    {
        var body = $"""<ns0:image xmlns:ns0="{Ns}"><created> 2018-04-16T13:43:59+02:00 </created><lastModified>2018-04-16T11:43:59</lastModified><compress> 1 </compress><revision>+3</revision></ns0:image>""";

        var image = await Bodies.ReadXmlAsync<Image>(body);

        Assert.Equal(new DateTimeOffset(2018, 4, 16, 11, 43, 59, TimeSpan.Zero), image.Created);
        Assert.Equal(new DateTimeOffset(2018, 4, 16, 11, 43, 59, TimeSpan.Zero), image.LastModified);
        Assert.True(image.Compress);
        Assert.Equal(3, image.Revision);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_element_and_its_line()
    {
        var body = $"""
            <ns0:image xmlns:ns0="{Ns}">
              <installProfile>
                <memorySize>lots</memorySize>
              </installProfile>
            </ns0:image>
            """;

        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        Assert.Equal("Line 3, position 6: <memorySize> must hold an xs:long, not \"lots\".", error.Message);
        Assert.Equal(3, error.LineNumber);
    }

    [Theory]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><compress>yes</compress></ns0:image>""", "<compress> must hold an xs:boolean")]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><created>16/04/2018</created></ns0:image>""", "<created> must hold an xs:dateTime")]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><revision>99999999999</revision></ns0:image>""", "<revision> must hold an xs:int")]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><compress><yes/></compress></ns0:image>""", "<compress> must hold a value, not the element <yes>")]
    [InlineData("""<ns0:appliance xmlns:ns0="http://www.usharesoft.com/uforge"/>""", "expected the element <image> of namespace http://www.usharesoft.com/uforge, not <ns0:appliance>")]
    [InlineData("""<ns0:image xmlns:ns0="urn:other"/>""", "expected the element <image>")]
    public async Task A_body_that_is_not_an_image_says_why(string body, string expected)
    {
        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><name>web</ns0:image>""", 1)]
    [InlineData("<ns0:image xmlns:ns0=\"http://www.usharesoft.com/uforge\">\n<name>web</name>\n<compress>true</compress", 3)]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"/><trailing/>""", 1)]
    [InlineData("""<ns0:image xmlns:ns0="http://www.usharesoft.com/uforge"><name>a &unknown; b</name></ns0:image>""", 1)]
    [InlineData("not xml at all", 1)]
    public async Task Malformed_xml_is_a_format_error_with_its_line(string body, int line)
    {
        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(body));

        Assert.StartsWith("The body is not well-formed XML: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.LineNumber);
    }

    [Fact]
    public async Task An_empty_body_is_a_format_error()
    {
        await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Image>(string.Empty));
    }

    [Fact]
    public async Task Nesting_beyond_any_real_document_is_refused_before_it_exhausts_the_stack()
    {
        const int levels = 5000;
        var body = $"""<ns0:category xmlns:ns0="{Ns}">"""
            + string.Concat(Enumerable.Repeat("<subCategories><category>", levels))
            + string.Concat(Enumerable.Repeat("</category></subCategories>", levels))
            + "</ns0:category>";

        var error = await Assert.ThrowsAsync<UForgeFormatException>(() => Bodies.ReadXmlAsync<Category>(body));

        Assert.Contains("nested more than 64 deep", error.Message, StringComparison.Ordinal);
    }
}
