using System.Xml.Linq;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The XML of machines, disks, configurations and templates: element order per the xsd, references, collections.</summary>
public class MachineXmlWritingTests
{
    private static readonly XNamespace Cimi = CimiUris.Namespace;

    private static string[] Children(XElement element) => [.. element.Elements().Select(e => e.Name.LocalName)];

    [Fact]
    public void Machine_children_follow_the_xsd_order_with_disks_as_a_reference()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullMachine);

        Assert.Equal(Cimi + "Machine", root.Name);
        Assert.Equal(CimiUris.Machine, (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            [
                "id", "name", "description", "created", "updated", "property", "property", "state", "cpu", "memory",
                "disks", "cpuArch", "operation", "operation", "operation", "operation",
            ],
            Children(root));
        Assert.Equal("STARTED", (string?)root.Element(Cimi + "state"));
        Assert.Equal("2", (string?)root.Element(Cimi + "cpu"));
        Assert.Equal("2097152", (string?)root.Element(Cimi + "memory"));
        var disks = root.Element(Cimi + "disks")!;
        Assert.Equal(Samples.Base + "machines/m1/disks", (string?)disks.Attribute("href"));
        Assert.True(disks.IsEmpty);
        Assert.Equal("x86_64", (string?)root.Element(Cimi + "cpuArch"));
        Assert.Equal(CimiUris.StopAction, (string?)root.Elements(Cimi + "operation").ElementAt(2).Attribute("rel"));
    }

    [Fact]
    public void A_disk_has_capacity_and_initialLocation_only_because_the_xsd_gives_it_no_id()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullDisk);

        Assert.Equal(Cimi + "Disk", root.Name);
        Assert.Equal(CimiUris.Disk, (string?)root.Attribute("resourceURI"));
        Assert.Equal(["capacity", "initialLocation"], Children(root));
        Assert.Equal("10485760", (string?)root.Element(Cimi + "capacity"));
        Assert.Equal("/dev/vda", (string?)root.Element(Cimi + "initialLocation"));
    }

    [Fact]
    public void A_disk_collection_keeps_its_own_id_and_its_disks_have_none()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullDisks);

        Assert.Equal(["id", "count", "Disk", "Disk"], Children(root));
        Assert.Equal(Samples.Base + "machines/m1/disks", (string?)root.Element(Cimi + "id"));
        Assert.All(root.Elements(Cimi + "Disk"), disk => Assert.Equal(["capacity", "initialLocation"], Children(disk)));
    }

    [Fact]
    public void Machine_configuration_children_follow_the_xsd_order_with_one_disk_element_per_disk()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullConfiguration);

        Assert.Equal(Cimi + "MachineConfiguration", root.Name);
        Assert.Equal(CimiUris.MachineConfiguration, (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            ["id", "name", "description", "created", "updated", "property", "cpu", "memory", "disk", "disk", "cpuArch", "operation", "operation"],
            Children(root));
        var disks = root.Elements(Cimi + "disk").ToList();
        Assert.Equal(["capacity", "format", "initialLocation"], Children(disks[0]));
        Assert.Equal(("10485760", "ext4", "/dev/vda"), ((string?)disks[0].Element(Cimi + "capacity"), (string?)disks[0].Element(Cimi + "format"), (string?)disks[0].Element(Cimi + "initialLocation")));
        Assert.Equal(["capacity", "format"], Children(disks[1]));
        Assert.Equal("1048576", (string?)root.Element(Cimi + "memory"));
    }

    [Fact]
    public void Machine_template_children_follow_the_xsd_order_with_configuration_and_image_as_references()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullTemplate);

        Assert.Equal(Cimi + "MachineTemplate", root.Name);
        Assert.Equal(CimiUris.MachineTemplate, (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            ["id", "name", "description", "created", "updated", "property", "initialState", "machineConfig", "machineImage", "operation", "operation"],
            Children(root));
        Assert.Equal("STARTED", (string?)root.Element(Cimi + "initialState"));
        Assert.Equal(Samples.Base + "machine_configurations/small", (string?)root.Element(Cimi + "machineConfig")!.Attribute("href"));
        Assert.Equal(Samples.Base + "machine_images/web", (string?)root.Element(Cimi + "machineImage")!.Attribute("href"));
        Assert.True(root.Element(Cimi + "machineImage")!.IsEmpty);
    }

    [Theory]
    [InlineData("MachineCollection", CimiUris.MachineCollection, "Machine")]
    [InlineData("DiskCollection", CimiUris.DiskCollection, "Disk")]
    [InlineData("MachineConfigurationCollection", CimiUris.MachineConfigurationCollection, "MachineConfiguration")]
    [InlineData("MachineTemplateCollection", CimiUris.MachineTemplateCollection, "MachineTemplate")]
    public void A_collection_is_a_Collection_with_id_count_entries_and_operations(string kind, string resourceUri, string entry)
    {
        var document = MachineSamples.Full(kind);
        var root = Bodies.XmlRoot(document);

        Assert.Equal(Cimi + "Collection", root.Name);
        Assert.Equal(resourceUri, (string?)root.Attribute("resourceURI"));
        string[] operations = kind == "DiskCollection" ? [] : ["operation"];
        Assert.Equal(["id", "count", entry, entry, .. operations], Children(root));
        Assert.Equal("2", (string?)root.Element(Cimi + "count"));
        Assert.All(root.Elements(Cimi + entry), e => Assert.Null(e.Attribute("resourceURI")));
    }

    [Fact]
    public void Absent_values_and_empty_lists_are_left_out()
    {
        Assert.Equal(["id", "state"], Children(Bodies.XmlRoot(new Machine { Id = Samples.Base + "machines/x", State = MachineState.Creating })));
        Assert.Equal(["cpu"], Children(Bodies.XmlRoot(new MachineConfiguration { Cpu = 1 })));
        Assert.Equal(["machineImage"], Children(Bodies.XmlRoot(new MachineTemplate { MachineImage = Samples.Base + "machine_images/web" })));
        Assert.Empty(Children(Bodies.XmlRoot(new Disk { Id = Samples.Base + "machines/m1/disks/0" })));
    }

    [Fact]
    public void Every_machine_state_has_its_cimi_capitals()
    {
        Assert.Equal(
            ["CREATING", "STARTING", "STARTED", "STOPPING", "STOPPED", "CAPTURING", "DELETING", "ERROR"],
            Enum.GetValues<MachineState>().Select(CimiWireNames.Of));
    }

    [Fact]
    public void Cloud_entry_point_puts_machines_templates_and_configurations_before_images_as_the_xsd_does()
    {
        var entryPoint = Samples.EntryPoint with
        {
            Collections = new Dictionary<string, string>
            {
                [CimiCollections.MachineImages] = Samples.Base + "machine_images",
                [CimiCollections.MachineConfigs] = Samples.Base + "machine_configurations",
                [CimiCollections.MachineTemplates] = Samples.Base + "machine_templates",
                [CimiCollections.Machines] = Samples.Base + "machines",
            },
        };

        var root = Bodies.XmlRoot(entryPoint);

        Assert.Equal(
            ["id", "name", "description", "created", "updated", "baseURI", "machines", "machineTemplates", "machineConfigs", "machineImages", "driver", "provider"],
            Children(root));
        Assert.Equal(Samples.Base + "machine_configurations", (string?)root.Element(Cimi + "machineConfigs")!.Attribute("href"));
    }
}
