using Kiln.Cimi.Tests.Support;
using static Kiln.Cimi.Tests.Support.MachineBodies;

namespace Kiln.Cimi.Tests;

/// <summary>Machine, configuration and template create bodies in JSON, and the errors a bad one gets, each naming its JSON path.</summary>
public class MachineJsonReadingTests
{
    private const string Base = "http://h/cimi/";

    [Fact]
    public void A_machine_create_body_with_a_template_reference_is_read()
    {
        var create = JsonMachine($$"""
            {
              "resourceURI": "{{CimiUris.MachineCreate}}",
              "name": "web1",
              "description": "first",
              "properties": {"owner": "ops"},
              "machineTemplate": {"href": "{{Base}}machine_templates/web"}
            }
            """);

        Assert.Equal(("web1", "first"), (create.Name, create.Description));
        Assert.Equal([new("owner", "ops")], create.Properties);
        Assert.Equal(new MachineTemplateRef { Href = Base + "machine_templates/web" }, create.Template);
    }

    [Fact]
    public void A_template_reference_may_be_a_plain_string()
    {
        Assert.Equal(Base + "machine_templates/web", JsonMachine($$"""{"machineTemplate": " {{Base}}machine_templates/web "}""").Template.Href);
    }

    [Theory]
    [InlineData("MachineCreate")]
    [InlineData("machineCreate")]
    [InlineData("Machine")]
    public void A_machine_body_wrapped_under_a_root_name_is_read(string root)
    {
        var create = JsonMachine($$$"""{"{{{root}}}": {"name": "web1", "machineTemplate": {"href": "{{{Base}}}t"} } }""");

        Assert.Equal(("web1", Base + "t"), (create.Name, create.Template.Href));
    }

    [Fact]
    public void A_template_given_in_place_by_configuration_and_image_references_is_read()
    {
        var create = JsonMachine($$"""
            {"machineTemplate": {
              "initialState": " STOPPED ",
              "machineConfig": {"href": "{{Base}}machine_configurations/small"},
              "machineImage": "{{Base}}machine_images/web"
            } }
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
        var create = JsonMachine($$"""
            {"machineTemplate": {
              "machineConfig": {"cpu": 2, "memory": "2097152", "disks": [{"capacity": 10485760, "format": " ext4 ", "initialLocation": "/dev/vda"}]},
              "machineImage": {"href": "{{Base}}machine_images/web"}
            } }
            """);

        var config = create.Template.MachineConfig!;
        Assert.Null(create.Template.MachineConfigHref);
        Assert.Equal((2, 2_097_152L), (config.Cpu, config.Memory));
        Assert.Equal([new MachineConfigurationDisk(10_485_760, "ext4", "/dev/vda")], config.Disks);
    }

    [Fact]
    public void A_machine_body_without_a_machineTemplate_is_refused_naming_its_path()
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonMachine("""{"machineCreate": {"name": "web1"}}"""));

        Assert.Equal(
            "$.machineCreate.machineTemplate is missing: give {\"href\": \"...\"}, or {\"machineConfig\": ..., \"machineImage\": ...}.",
            error.Message);
        Assert.Equal("$.machineCreate.machineTemplate", error.Path);
    }

    [Theory]
    [InlineData("""{"machineTemplate": null}""", "$.machineTemplate is missing")]
    [InlineData("""{"machineTemplate": {}}""", "$.machineTemplate needs an href, or a machineConfig and a machineImage.")]
    [InlineData("""{"machineTemplate": {"href": ""}}""", "$.machineTemplate needs an href, or a machineConfig and a machineImage.")]
    [InlineData("""{"machineTemplate": ""}""", "$.machineTemplate is empty: give the href of a MachineTemplate.")]
    [InlineData("""{"machineTemplate": 7}""", "$.machineTemplate must be an object or a string, not a number.")]
    [InlineData("""{"machineTemplate": {"machineConfig": {"name": "x"}}}""", "$.machineTemplate.machineConfig needs an href, or the configuration's cpu, memory and disks.")]
    [InlineData("""{"machineTemplate": {"machineImage": {}}}""", "$.machineTemplate.machineImage must be a string or an object with an href.")]
    [InlineData("""{"machineTemplate": {"machineImage": []}}""", "$.machineTemplate.machineImage must be a string or an object with an href, not an array.")]
    public void A_machineTemplate_that_names_nothing_usable_is_refused(string body, string message)
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonMachine(body));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_body_that_is_no_object_is_refused()
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonMachine("[]"));

        Assert.Equal("$ expected a JSON object with the MachineCreate's attributes, not an array.", error.Message);
    }

    [Theory]
    [InlineData("MachineConfiguration")]
    [InlineData("MachineConfigurationCreate")]
    [InlineData("machineConfigurationCreate")]
    public void A_configuration_body_is_read_flat_or_wrapped_under_each_root(string root)
    {
        const string inner = """
            {"name": "small", "cpu": 1, "memory": 1048576, "cpuArch": "aarch64",
             "disks": [{"capacity": 10485760, "format": "ext4"}, {"capacity": "1048576", "format": "swap", "initialLocation": "/dev/vdb"}]}
            """;

        var flat = JsonConfiguration(inner);
        var wrapped = JsonConfiguration($$"""{"{{root}}": {{inner}}}""");

        Assert.Equal(("small", 1, 1_048_576L, "aarch64"), (flat.Name, flat.Cpu, flat.Memory, flat.CpuArch));
        Assert.Equal([new MachineConfigurationDisk(10_485_760, "ext4"), new MachineConfigurationDisk(1_048_576, "swap", "/dev/vdb")], flat.Disks);
        Assert.Equal(flat.Disks, wrapped.Disks);
        Assert.Equal((flat.Name, flat.Cpu, flat.Memory), (wrapped.Name, wrapped.Cpu, wrapped.Memory));
    }

    [Theory]
    [InlineData("""{"cpu": "two"}""", "$.cpu must be an integer of 0 or more, not \"two\".")]
    [InlineData("""{"cpu": -1}""", "$.cpu must be an integer of 0 or more, not -1.")]
    [InlineData("""{"cpu": 1.5}""", "$.cpu must be an integer of 0 or more, not 1.5.")]
    [InlineData("""{"cpu": true}""", "$.cpu must be an integer of 0 or more, not true.")]
    [InlineData("""{"cpu": 4294967296}""", "$.cpu must be at most 2147483647, not 4294967296.")]
    [InlineData("""{"memory": "-5"}""", "$.memory must be an integer of 0 or more, not \"-5\".")]
    [InlineData("""{"disks": [{"capacity": "10G", "format": "ext4"}]}""", "$.disks[0].capacity must be an integer of 0 or more, not \"10G\".")]
    public void An_integer_that_is_none_or_negative_is_refused_naming_its_path(string body, string message)
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonConfiguration(body));

        Assert.Equal(message, error.Message);
        Assert.Equal(message[..message.IndexOf(' ', StringComparison.Ordinal)], error.Path);
    }

    [Theory]
    [InlineData("""{"disks": {"capacity": 1}}""", "$.disks must be an array of disks, not an object.")]
    [InlineData("""{"disks": [1]}""", "$.disks[0] must be an object with capacity and format, not a number.")]
    [InlineData("""{"disks": [{"capacity": 1, "format": "ext4"}, {"format": "ext4"}]}""", "$.disks[1].capacity is missing: a disk needs its size in KiB.")]
    [InlineData("""{"disks": [{"capacity": 1}]}""", "$.disks[0].format is missing: a disk needs its format (such as ext4).")]
    public void Disks_of_the_wrong_shape_are_refused_naming_their_path(string body, string message)
    {
        Assert.Equal(message, Assert.Throws<CimiFormatException>(() => JsonConfiguration(body)).Message);
    }

    [Fact]
    public void A_configuration_member_given_twice_is_refused()
    {
        Assert.Equal("$.cpu is given twice.", Assert.Throws<CimiFormatException>(() => JsonConfiguration("""{"cpu": 1, "cpu": 2}""")).Message);
    }

    [Fact]
    public void A_template_body_takes_references_as_href_objects_or_plain_strings()
    {
        var create = JsonTemplate($$"""
            {"machineTemplateCreate": {
              "name": "web", "properties": {"team": "web"}, "initialState": "STARTED",
              "machineConfig": {"href": " {{Base}}machine_configurations/small "},
              "machineImage": "{{Base}}machine_images/web",
              "credential": {"href": "{{Base}}credentials/c"}
            } }
            """);

        Assert.Equal(("web", "STARTED"), (create.Name, create.InitialState));
        Assert.Equal(Base + "machine_configurations/small", create.MachineConfigHref);
        Assert.Equal(Base + "machine_images/web", create.MachineImageHref);
        Assert.Equal([new("team", "web")], create.Properties);
    }

    [Theory]
    [InlineData("MachineTemplate")]
    [InlineData("MachineTemplateCreate")]
    public void A_template_body_is_read_wrapped_under_each_root(string root)
    {
        Assert.Equal(Base + "i", JsonTemplate($$$"""{"{{{root}}}": {"machineImage": {"href": "{{{Base}}}i"} } }""").MachineImageHref);
    }

    [Fact]
    public void A_template_reference_of_the_wrong_kind_is_refused_naming_its_path()
    {
        var error = Assert.Throws<CimiFormatException>(() => JsonTemplate("""{"machineConfig": 3}"""));

        Assert.Equal("$.machineConfig must be a string or an object with an href, not a number.", error.Message);
        Assert.Equal("$.machineConfig", error.Path);
    }

    [Fact]
    public async Task The_bodies_are_read_asynchronously_from_a_stream_that_only_reads_asynchronously()
    {
        using var machine = new AsyncOnlyStream(Bodies.Body($$"""{"machineTemplate": {"href": "{{Base}}t"} }"""));
        using var configuration = new AsyncOnlyStream(Bodies.Body("""{"cpu": 3}"""));
        using var template = new AsyncOnlyStream(Bodies.Body($$"""{"machineImage": "{{Base}}i"}"""));

        Assert.Equal(Base + "t", (await CimiJson.ReadMachineCreateAsync(machine, Bodies.Limit)).Template.Href);
        Assert.Equal(3, (await CimiJson.ReadMachineConfigurationCreateAsync(configuration, Bodies.Limit)).Cpu);
        Assert.Equal(Base + "i", (await CimiJson.ReadMachineTemplateCreateAsync(template, Bodies.Limit)).MachineImageHref);
    }
}
