using Kiln.Cimi.Tests.Support;
using static Kiln.Cimi.Tests.Support.MachineBodies;

namespace Kiln.Cimi.Tests;

/// <summary>Machine, configuration and template create bodies in XML as clients send them, and the errors a bad one gets.</summary>
public class MachineXmlReadingTests
{
    private const string Base = "http://h/cimi/";

    [Theory]
    [InlineData("MachineCreate")]
    [InlineData("machineCreate")]
    [InlineData("Machine")]
    public void A_machine_create_body_in_the_cimi_namespace_is_read_under_each_root_clients_use(string root)
    {
        var create = XmlMachine($"""
            <{root} xmlns="{CimiUris.Namespace}">
              <name>web1</name>
              <description>first</description>
              <property name="owner">ops</property>
              <machineTemplate href="{Base}machine_templates/web"/>
            </{root}>
            """);

        Assert.Equal(("web1", "first"), (create.Name, create.Description));
        Assert.Equal([new("owner", "ops")], create.Properties);
        Assert.Equal(new MachineTemplateRef { Href = Base + "machine_templates/web" }, create.Template);
    }

    [Theory]
    [InlineData("MachineCreate")]
    [InlineData("machineCreate")]
    [InlineData("Machine")]
    public void A_machine_create_body_without_namespace_is_read_under_each_root(string root)
    {
        var create = XmlMachine($"""<{root}><name>web1</name><machineTemplate href="{Base}machine_templates/web"/></{root}>""");

        Assert.Equal("web1", create.Name);
        Assert.Equal(Base + "machine_templates/web", create.Template.Href);
    }

    [Fact]
    public void A_template_given_in_place_by_configuration_and_image_references_is_read()
    {
        var create = XmlMachine($"""
            <MachineCreate xmlns="{CimiUris.Namespace}">
              <machineTemplate>
                <initialState>STOPPED</initialState>
                <machineConfig href="{Base}machine_configurations/small"/>
                <machineImage href="{Base}machine_images/web"/>
              </machineTemplate>
            </MachineCreate>
            """);

        Assert.Equal(
            new MachineTemplateRef
            {
                MachineConfigHref = Base + "machine_configurations/small",
                MachineImageHref = Base + "machine_images/web",
                InitialState = "STOPPED",
            },
            create.Template);
    }

    [Fact]
    public void A_configuration_given_in_place_is_read_with_its_cpu_memory_and_disks()
    {
        var create = XmlMachine($"""
            <MachineCreate>
              <machineTemplate>
                <machineConfig>
                  <cpu>2</cpu>
                  <memory>2097152</memory>
                  <disk><capacity>10485760</capacity><format>ext4</format><initialLocation>/dev/vda</initialLocation></disk>
                  <cpuArch>x86_64</cpuArch>
                </machineConfig>
                <machineImage href="{Base}machine_images/web"/>
              </machineTemplate>
            </MachineCreate>
            """);

        var config = create.Template.MachineConfig!;
        Assert.Null(create.Template.MachineConfigHref);
        Assert.Equal((2, 2_097_152L, "x86_64"), (config.Cpu, config.Memory, config.CpuArch));
        Assert.Equal([new MachineConfigurationDisk(10_485_760, "ext4", "/dev/vda")], config.Disks);
        Assert.Equal(Base + "machine_images/web", create.Template.MachineImageHref);
    }

    [Fact]
    public void Padded_text_and_hrefs_are_trimmed()
    {
        var create = XmlMachine($"""
            <Machine>
              <name>
                 web1
              </name>
              <property key=" owner "> ops </property>
              <machineTemplate>
                <initialState> STARTED </initialState>
                <machineConfig><cpu> 4 </cpu></machineConfig>
                <machineImage href="  {Base}machine_images/web  "/>
              </machineTemplate>
            </Machine>
            """);

        Assert.Equal("web1", create.Name);
        Assert.Equal([new("owner", "ops")], create.Properties);
        Assert.Equal(("STARTED", 4, Base + "machine_images/web"), (create.Template.InitialState, create.Template.MachineConfig!.Cpu, create.Template.MachineImageHref));
    }

    [Fact]
    public void Unknown_and_foreign_elements_are_skipped()
    {
        var create = XmlMachine($"""
            <MachineCreate xmlns:x="urn:other">
              <state>STARTED</state>
              <x:name>not this one</x:name>
              <colour><deep>blue</deep></colour>
              <machineTemplate href="{Base}machine_templates/web"><x:extra/><credential href="{Base}credentials/c"/></machineTemplate>
              <name>web1</name>
            </MachineCreate>
            """);

        Assert.Equal("web1", create.Name);
        Assert.Equal(Base + "machine_templates/web", create.Template.Href);
    }

    [Fact]
    public void A_machine_body_without_a_machineTemplate_is_refused_saying_so()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("<MachineCreate>\n  <name>web1</name>\n</MachineCreate>"));

        Assert.Equal(
            "Line 1, position 2: <MachineCreate> has no <machineTemplate>: give <machineTemplate href=\"...\"/>, or one with <machineConfig> and <machineImage>.",
            error.Message);
        Assert.Equal((1, 2), (error.LineNumber, error.LinePosition));
    }

    [Fact]
    public void An_empty_machineTemplate_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("<MachineCreate><machineTemplate href=\" \"/></MachineCreate>"));

        Assert.Equal("Line 1, position 17: <machineTemplate> needs an href, or a <machineConfig> and a <machineImage>.", error.Message);
    }

    [Fact]
    public void A_machineConfig_with_neither_href_nor_configuration_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("<MachineCreate><machineTemplate><machineConfig/></machineTemplate></MachineCreate>"));

        Assert.Contains("<machineConfig> needs an href attribute, or the configuration's <cpu>, <memory> and <disk> elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machineImage_without_an_href_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("<MachineCreate><machineTemplate><machineImage><name>web</name></machineImage></machineTemplate></MachineCreate>"));

        Assert.Contains("<machineImage> needs an href attribute (<machineImage href=\"...\"/>)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machineTemplate_given_twice_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("""<MachineCreate><machineTemplate href="a"/><machineTemplate href="b"/></MachineCreate>"""));

        Assert.Equal("Line 1, position 44: <machineTemplate> is given twice.", error.Message);
    }

    [Fact]
    public void A_root_that_is_no_machine_is_refused_naming_the_roots_expected()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlMachine("<MachineImage><name>x</name></MachineImage>"));

        Assert.Equal("Line 1, position 2: expected the element <MachineCreate> or <Machine>, not <MachineImage>.", error.Message);
    }

    [Theory]
    [InlineData("MachineConfiguration")]
    [InlineData("MachineConfigurationCreate")]
    [InlineData("machineConfigurationCreate")]
    public void A_configuration_body_is_read_under_each_root_with_and_without_namespace(string root)
    {
        const string inner = """
            <name>small</name>
            <cpu>1</cpu>
            <memory>1048576</memory>
            <disk><capacity>10485760</capacity><format>ext4</format></disk>
            <disk><capacity>1048576</capacity><format>swap</format><initialLocation>/dev/vdb</initialLocation></disk>
            <cpuArch>aarch64</cpuArch>
            """;

        var qualified = XmlConfiguration($"""<{root} xmlns="{CimiUris.Namespace}">{inner}</{root}>""");
        var bare = XmlConfiguration($"<{root}>{inner}</{root}>");

        Assert.Equal(("small", 1, 1_048_576L, "aarch64"), (qualified.Name, qualified.Cpu, qualified.Memory, qualified.CpuArch));
        Assert.Equal([new MachineConfigurationDisk(10_485_760, "ext4"), new MachineConfigurationDisk(1_048_576, "swap", "/dev/vdb")], qualified.Disks);
        Assert.Equal(qualified.Disks, bare.Disks);
        Assert.Equal((qualified.Name, qualified.Cpu, qualified.Memory), (bare.Name, bare.Cpu, bare.Memory));
    }

    [Fact]
    public void A_configuration_body_without_values_leaves_them_null_and_empty()
    {
        var create = XmlConfiguration("<MachineConfiguration/>");

        Assert.Equal((null, null, null), (create.Cpu, create.Memory, create.Name));
        Assert.Empty(create.Disks);
        Assert.Empty(create.Properties);
    }

    [Theory]
    [InlineData("cpu", "two")]
    [InlineData("cpu", "-1")]
    [InlineData("cpu", "1.5")]
    [InlineData("memory", "")]
    [InlineData("memory", "1e6")]
    public void An_integer_that_is_none_or_negative_is_refused_naming_the_element_and_its_line(string element, string value)
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlConfiguration($"<MachineConfiguration>\n  <{element}>{value}</{element}>\n</MachineConfiguration>"));

        Assert.Equal($"Line 2, position 4: <{element}> must be an integer of 0 or more, not \"{value}\".", error.Message);
        Assert.Equal((2, 4), (error.LineNumber, error.LinePosition));
    }

    [Fact]
    public void A_cpu_count_beyond_an_int_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlConfiguration("<MachineConfiguration><cpu>4294967296</cpu></MachineConfiguration>"));

        Assert.Contains("<cpu> must be at most 2147483647, not 4294967296", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_capacity_that_is_no_integer_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlConfiguration("<MachineConfiguration><disk><capacity>10G</capacity><format>ext4</format></disk></MachineConfiguration>"));

        Assert.Contains("<capacity> must be an integer of 0 or more, not \"10G\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<disk><format>ext4</format></disk>", "<disk> needs a <capacity> (in KiB)")]
    [InlineData("<disk><capacity>1</capacity></disk>", "<disk> needs a <format> (such as ext4)")]
    [InlineData("<disk><capacity>1</capacity><format> </format></disk>", "<disk> needs a <format> (such as ext4)")]
    public void A_disk_without_capacity_or_format_is_refused(string disk, string message)
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlConfiguration($"<MachineConfiguration>{disk}</MachineConfiguration>"));

        Assert.Equal($"Line 1, position 24: {message}.", error.Message);
    }

    [Theory]
    [InlineData("MachineTemplate")]
    [InlineData("MachineTemplateCreate")]
    [InlineData("machineTemplateCreate")]
    public void A_template_body_is_read_under_each_root_with_and_without_namespace(string root)
    {
        var inner = $"""
            <name> web </name>
            <property name="team">web</property>
            <initialState>STARTED</initialState>
            <machineConfig href="{Base}machine_configurations/small"/>
            <machineImage href="{Base}machine_images/web"/>
            """;
        var expected = new MachineTemplateCreate
        {
            Name = "web",
            Properties = [new("team", "web")],
            InitialState = "STARTED",
            MachineConfigHref = Base + "machine_configurations/small",
            MachineImageHref = Base + "machine_images/web",
        };

        var qualified = XmlTemplate($"""<{root} xmlns="{CimiUris.Namespace}">{inner}</{root}>""");
        var bare = XmlTemplate($"<{root}>{inner}</{root}>");

        Assert.Equal((expected.Name, expected.InitialState, expected.MachineConfigHref, expected.MachineImageHref), (qualified.Name, qualified.InitialState, qualified.MachineConfigHref, qualified.MachineImageHref));
        Assert.Equal(expected.Properties, qualified.Properties);
        Assert.Equal((qualified.Name, qualified.MachineConfigHref, qualified.MachineImageHref), (bare.Name, bare.MachineConfigHref, bare.MachineImageHref));
    }

    [Fact]
    public void A_template_reference_may_be_given_as_text()
    {
        var create = XmlTemplate($"<MachineTemplate><machineImage> {Base}machine_images/web </machineImage></MachineTemplate>");

        Assert.Equal(Base + "machine_images/web", create.MachineImageHref);
        Assert.Null(create.MachineConfigHref);
    }

    [Fact]
    public void A_template_reference_without_href_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => XmlTemplate("<MachineTemplate><machineConfig/></MachineTemplate>"));

        Assert.Equal("Line 1, position 19: <machineConfig> needs an href attribute (<machineConfig href=\"...\"/>).", error.Message);
    }

    [Fact]
    public async Task The_bodies_are_read_asynchronously_from_a_stream_that_only_reads_asynchronously()
    {
        using var machine = new AsyncOnlyStream(Bodies.Body($"""<Machine><machineTemplate href="{Base}t"/></Machine>"""));
        using var configuration = new AsyncOnlyStream(Bodies.Body("<MachineConfiguration><cpu>3</cpu></MachineConfiguration>"));
        using var template = new AsyncOnlyStream(Bodies.Body($"""<MachineTemplate><machineImage href="{Base}i"/></MachineTemplate>"""));

        Assert.Equal(Base + "t", (await CimiXml.ReadMachineCreateAsync(machine, Bodies.Limit)).Template.Href);
        Assert.Equal(3, (await CimiXml.ReadMachineConfigurationCreateAsync(configuration, Bodies.Limit)).Cpu);
        Assert.Equal(Base + "i", (await CimiXml.ReadMachineTemplateCreateAsync(template, Bodies.Limit)).MachineImageHref);
    }
}
