using System.Text;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>Machines, disks, configurations and templates as XML validate against the CIMI xsd, but for the seed's resourceURI on single resources.</summary>
public class MachineSchemaValidationTests
{
    [Theory]
    [MemberData(nameof(MachineSamples.Kinds), MemberType = typeof(MachineSamples))]
    public void Every_machine_document_fully_populated_is_valid_against_the_cimi_xsd(string kind)
    {
        Assert.Empty(MachineSchema.Problems(Bodies.Xml(MachineSamples.Full(kind))));
    }

    [Theory]
    [MemberData(nameof(MachineSamples.SingleKinds), MemberType = typeof(MachineSamples))]
    public void A_single_machine_resource_deviates_from_the_xsd_only_by_its_resourceURI_attribute(string kind)
    {
        var problems = CimiSchema.Validate(Bodies.Xml(MachineSamples.Full(kind)));

        var problem = Assert.Single(problems);
        Assert.Matches("The 'resourceURI' attribute is not (allowed|declared)\\.", problem);
    }

    [Theory]
    [MemberData(nameof(MachineSamples.CollectionKinds), MemberType = typeof(MachineSamples))]
    public void Machine_collections_are_valid_with_no_allowance_at_all(string kind)
    {
        Assert.Empty(CimiSchema.Validate(Bodies.Xml(MachineSamples.Full(kind))));
    }

    [Theory]
    [MemberData(nameof(MachineSamples.Kinds), MemberType = typeof(MachineSamples))]
    public void Selected_machine_documents_stay_valid_against_the_xsd(string kind)
    {
        var xml = Bodies.Xml(MachineSamples.Full(kind), "name", "cpu", "disks", "capacity", "machineImage", "operations");

        Assert.Empty(MachineSchema.Problems(xml));
    }

    [Fact]
    public void Bare_documents_and_empty_collections_are_valid()
    {
        object[] documents =
        [
            new Machine(), new Disk(), new MachineConfiguration(), new MachineTemplate(),
            new MachineCollection { Id = Samples.Base + "machines" },
            new DiskCollection { Id = Samples.Base + "machines/m1/disks" },
            new MachineConfigurationCollection { Id = Samples.Base + "machine_configurations" },
            new MachineTemplateCollection { Id = Samples.Base + "machine_templates" },
        ];

        Assert.All(documents, document => Assert.Empty(MachineSchema.Problems(Bodies.Xml(document))));
    }

    [Fact]
    public void A_cloud_entry_point_with_machines_templates_and_configurations_is_valid()
    {
        var entryPoint = Samples.EntryPoint with
        {
            Collections = new Dictionary<string, string>
            {
                [CimiCollections.MachineConfigs] = Samples.Base + "machine_configurations",
                [CimiCollections.Machines] = Samples.Base + "machines",
                [CimiCollections.MachineImages] = Samples.Base + "machine_images",
                [CimiCollections.MachineTemplates] = Samples.Base + "machine_templates",
            },
        };

        Assert.Empty(CimiSchema.Validate(Bodies.Xml(entryPoint), allowResourceUriOnSingleResource: true));
    }

    [Fact]
    public void A_disk_with_an_id_would_be_invalid_which_is_why_xml_leaves_the_id_out()
    {
        var withId = Encoding.UTF8.GetBytes(
            $"""<Collection xmlns="{CimiUris.Namespace}" resourceURI="{CimiUris.DiskCollection}"><id>x</id><count>1</count><Disk><id>x/0</id><capacity>1</capacity></Disk></Collection>""");

        Assert.NotEmpty(CimiSchema.Validate(withId));
    }

    [Fact]
    public void The_validation_helper_still_catches_a_machine_element_out_of_order()
    {
        var misordered = Encoding.UTF8.GetBytes(
            $"""<Machine xmlns="{CimiUris.Namespace}" resourceURI="{CimiUris.Machine}"><cpu>2</cpu><state>STARTED</state></Machine>""");
        var diskWithoutFormat = Encoding.UTF8.GetBytes(
            $"""<MachineConfiguration xmlns="{CimiUris.Namespace}" resourceURI="{CimiUris.MachineConfiguration}"><disk><capacity>1</capacity></disk></MachineConfiguration>""");

        Assert.NotEmpty(MachineSchema.Problems(misordered));
        Assert.NotEmpty(MachineSchema.Problems(diskWithoutFormat));
    }
}
