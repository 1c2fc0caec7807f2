using System.Text.Json;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The JSON of machines, disks, configurations and templates: flat objects, resourceURI first, references as href objects.</summary>
public class MachineJsonWritingTests
{
    [Fact]
    public void Machine_json_is_a_flat_object_with_resourceURI_first_and_disks_as_an_href_object()
    {
        var machine = Bodies.JsonRoot(MachineSamples.FullMachine);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "properties", "state", "cpu", "memory", "disks", "cpuArch", "operations"],
            Bodies.Members(machine));
        Assert.Equal(CimiUris.Machine, machine.GetProperty("resourceURI").GetString());
        Assert.Equal("STARTED", machine.GetProperty("state").GetString());
        Assert.Equal(2, machine.GetProperty("cpu").GetInt32());
        Assert.Equal(2_097_152, machine.GetProperty("memory").GetInt64());
        Assert.Equal(["href"], Bodies.Members(machine.GetProperty("disks")));
        Assert.Equal(Samples.Base + "machines/m1/disks", machine.GetProperty("disks").GetProperty("href").GetString());
        Assert.Equal(["owner", "tier"], Bodies.Members(machine.GetProperty("properties")));
        Assert.Equal(CimiUris.CaptureAction, machine.GetProperty("operations")[3].GetProperty("rel").GetString());
    }

    [Fact]
    public void Disk_json_carries_its_id_which_xml_cannot()
    {
        var disk = Bodies.JsonRoot(MachineSamples.FullDisk);

        Assert.Equal(["resourceURI", "id", "capacity", "initialLocation"], Bodies.Members(disk));
        Assert.Equal(CimiUris.Disk, disk.GetProperty("resourceURI").GetString());
        Assert.Equal(10_485_760, disk.GetProperty("capacity").GetInt64());
    }

    [Fact]
    public void Machine_configuration_disks_are_an_array_of_objects_without_resourceURI()
    {
        var configuration = Bodies.JsonRoot(MachineSamples.FullConfiguration);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "properties", "cpu", "memory", "disks", "cpuArch", "operations"],
            Bodies.Members(configuration));
        Assert.Equal(CimiUris.MachineConfiguration, configuration.GetProperty("resourceURI").GetString());
        var disks = configuration.GetProperty("disks");
        Assert.Equal(JsonValueKind.Array, disks.ValueKind);
        Assert.Equal(["capacity", "format", "initialLocation"], Bodies.Members(disks[0]));
        Assert.Equal(["capacity", "format"], Bodies.Members(disks[1]));
        Assert.Equal((10_485_760L, "ext4"), (disks[0].GetProperty("capacity").GetInt64(), disks[0].GetProperty("format").GetString()));
    }

    [Fact]
    public void Machine_template_json_has_configuration_and_image_as_href_objects()
    {
        var template = Bodies.JsonRoot(MachineSamples.FullTemplate);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "properties", "initialState", "machineConfig", "machineImage", "operations"],
            Bodies.Members(template));
        Assert.Equal(CimiUris.MachineTemplate, template.GetProperty("resourceURI").GetString());
        Assert.Equal(Samples.Base + "machine_configurations/small", template.GetProperty("machineConfig").GetProperty("href").GetString());
        Assert.Equal(Samples.Base + "machine_images/web", template.GetProperty("machineImage").GetProperty("href").GetString());
    }

    [Theory]
    [InlineData("MachineCollection", CimiUris.MachineCollection, "machines", CimiUris.Machine)]
    [InlineData("DiskCollection", CimiUris.DiskCollection, "disks", CimiUris.Disk)]
    [InlineData("MachineConfigurationCollection", CimiUris.MachineConfigurationCollection, "machineConfigurations", CimiUris.MachineConfiguration)]
    [InlineData("MachineTemplateCollection", CimiUris.MachineTemplateCollection, "machineTemplates", CimiUris.MachineTemplate)]
    public void Collection_entries_sit_under_their_member_each_with_its_own_resourceURI(string kind, string resourceUri, string member, string entryUri)
    {
        var collection = Bodies.JsonRoot(MachineSamples.Full(kind));

        string[] operations = kind == "DiskCollection" ? [] : ["operations"];
        Assert.Equal(["resourceURI", "id", "count", member, .. operations], Bodies.Members(collection));
        Assert.Equal(resourceUri, collection.GetProperty("resourceURI").GetString());
        Assert.Equal(2, collection.GetProperty("count").GetInt32());
        Assert.Equal(2, collection.GetProperty(member).GetArrayLength());
        Assert.All(collection.GetProperty(member).EnumerateArray(), entry =>
        {
            Assert.Equal("resourceURI", Bodies.Members(entry).First());
            Assert.Equal(entryUri, entry.GetProperty("resourceURI").GetString());
        });
    }

    [Fact]
    public void An_empty_machine_collection_still_has_its_machines_array()
    {
        var collection = Bodies.JsonRoot(new MachineCollection { Id = Samples.Base + "machines" });

        Assert.Equal(["resourceURI", "id", "count", "machines"], Bodies.Members(collection));
        Assert.Equal(0, collection.GetProperty("machines").GetArrayLength());
    }

    [Fact]
    public void Absent_values_and_empty_lists_are_left_out()
    {
        Assert.Equal(["resourceURI", "name"], Bodies.Members(Bodies.JsonRoot(new Machine { Name = "x" })));
        Assert.Equal(["resourceURI", "memory"], Bodies.Members(Bodies.JsonRoot(new MachineConfiguration { Memory = 1024 })));
        Assert.Equal(["resourceURI"], Bodies.Members(Bodies.JsonRoot(new MachineTemplate())));
    }

    [Fact]
    public void Cloud_entry_point_json_lists_machines_templates_and_configurations_in_the_xsd_order()
    {
        var entryPoint = Samples.EntryPoint with
        {
            Collections = new Dictionary<string, string>
            {
                [CimiCollections.MachineConfigs] = Samples.Base + "machine_configurations",
                [CimiCollections.MachineTemplates] = Samples.Base + "machine_templates",
                [CimiCollections.Machines] = Samples.Base + "machines",
            },
        };

        var json = Bodies.JsonRoot(entryPoint);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "baseURI", "machines", "machineTemplates", "machineConfigs", "driver", "provider"],
            Bodies.Members(json));
        Assert.Equal(Samples.Base + "machine_templates", json.GetProperty("machineTemplates").GetProperty("href").GetString());
    }
}
