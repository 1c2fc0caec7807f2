using System.Xml.Linq;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>$select on machines and their kin, as on machine images: only the named attributes; on collections, of the entries.</summary>
public class MachineSelectTests
{
    private static readonly XNamespace Cimi = CimiUris.Namespace;

    [Fact]
    public void Select_keeps_only_the_named_attributes_of_a_machine_in_xml_in_the_xsd_order()
    {
        var root = Bodies.XmlRoot(MachineSamples.FullMachine, "disks", "state", "cpu");

        Assert.Equal(["state", "cpu", "disks"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(CimiUris.Machine, (string?)root.Attribute("resourceURI"));
    }

    [Fact]
    public void Select_keeps_only_the_named_attributes_of_a_machine_plus_resourceURI_in_json()
    {
        var machine = Bodies.JsonRoot(MachineSamples.FullMachine, "memory", "name", "operations");

        Assert.Equal(["resourceURI", "name", "memory", "operations"], Bodies.Members(machine));
    }

    [Fact]
    public void Select_on_a_machine_collection_applies_to_its_entries_and_keeps_id_count_and_operations()
    {
        var xml = Bodies.XmlRoot(MachineSamples.FullMachines, "state");
        var json = Bodies.JsonRoot(MachineSamples.FullMachines, "state");

        Assert.Equal(["id", "count", "Machine", "Machine", "operation"], xml.Elements().Select(e => e.Name.LocalName));
        Assert.All(xml.Elements(Cimi + "Machine"), entry => Assert.Equal(["state"], entry.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(["resourceURI", "id", "count", "machines", "operations"], Bodies.Members(json));
        Assert.All(json.GetProperty("machines").EnumerateArray(), entry => Assert.Equal(["resourceURI", "state"], Bodies.Members(entry)));
    }

    [Fact]
    public void Select_of_disks_keeps_every_part_of_a_configurations_disks()
    {
        var json = Bodies.JsonRoot(MachineSamples.FullConfiguration, "disks");
        var xml = Bodies.XmlRoot(MachineSamples.FullConfiguration, "disks");

        Assert.Equal(["resourceURI", "disks"], Bodies.Members(json));
        Assert.Equal(["capacity", "format", "initialLocation"], Bodies.Members(json.GetProperty("disks")[0]));
        Assert.Equal(["capacity", "format", "initialLocation"], xml.Element(Cimi + "disk")!.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Select_star_and_no_select_give_everything()
    {
        Assert.Equal(Bodies.Xml(MachineSamples.FullMachine), Bodies.Xml(MachineSamples.FullMachine, "*"));
        Assert.Equal(Bodies.Json(MachineSamples.FullTemplates), Bodies.Json(MachineSamples.FullTemplates, "*"));
    }

    [Fact]
    public void Select_of_a_disks_id_gives_it_in_json_and_nothing_in_xml()
    {
        Assert.Equal(["resourceURI", "id"], Bodies.Members(Bodies.JsonRoot(MachineSamples.FullDisk, "id")));
        Assert.Empty(Bodies.XmlRoot(MachineSamples.FullDisk, "id").Elements());
    }
}
