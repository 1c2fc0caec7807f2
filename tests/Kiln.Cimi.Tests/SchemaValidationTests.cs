using System.Text;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>What Kiln writes as XML validates against the CIMI xsd (DSP8009), but for the seed's resourceURI on single resources.</summary>
public class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(Samples.Kinds), MemberType = typeof(Samples))]
    public void Every_document_fully_populated_is_valid_against_the_cimi_xsd(string kind)
    {
        var xml = Bodies.Xml(Samples.Full(kind));

        Assert.Empty(CimiSchema.Validate(xml, allowResourceUriOnSingleResource: true));
    }

    [Theory]
    [InlineData("CloudEntryPoint")]
    [InlineData("MachineImage")]
    [InlineData("Job")]
    public void A_single_resource_deviates_from_the_xsd_only_by_its_resourceURI_attribute(string kind)
    {
        var problems = CimiSchema.Validate(Bodies.Xml(Samples.Full(kind)));

        var problem = Assert.Single(problems);
        Assert.Contains("The 'resourceURI' attribute is not allowed.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MachineImageCollection")]
    [InlineData("JobCollection")]
    public void Collections_are_valid_with_no_allowance_at_all(string kind)
    {
        Assert.Empty(CimiSchema.Validate(Bodies.Xml(Samples.Full(kind))));
    }

    [Fact]
    public void An_empty_collection_and_a_bare_image_are_valid()
    {
        Assert.Empty(CimiSchema.Validate(Bodies.Xml(new MachineImageCollection { Id = Samples.Base + "machine_images" })));
        Assert.Empty(CimiSchema.Validate(Bodies.Xml(new MachineImage()), allowResourceUriOnSingleResource: true));
    }

    [Fact]
    public void The_validator_itself_catches_an_element_out_of_order_and_a_resourceURI_on_an_entry()
    {
        var misordered = Encoding.UTF8.GetBytes(
            $"""<MachineImage xmlns="{CimiUris.Namespace}" resourceURI="{CimiUris.MachineImage}"><type>IMAGE</type><state>AVAILABLE</state></MachineImage>""");
        var entryWithResourceUri = Encoding.UTF8.GetBytes(
            $"""<Collection xmlns="{CimiUris.Namespace}" resourceURI="{CimiUris.MachineImageCollection}"><id>x</id><count>1</count><MachineImage resourceURI="{CimiUris.MachineImage}"/></Collection>""");
        var unknownRoot = Encoding.UTF8.GetBytes($"""<Picture xmlns="{CimiUris.Namespace}"/>""");

        Assert.NotEmpty(CimiSchema.Validate(misordered, allowResourceUriOnSingleResource: true));
        Assert.NotEmpty(CimiSchema.Validate(entryWithResourceUri, allowResourceUriOnSingleResource: true));
        Assert.NotEmpty(CimiSchema.Validate(unknownRoot));
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_replaced_and_the_job_stays_valid()
    {
        var job = new Job { StatusMessage = "mkfs: \u001b[31mfailed\u001b[0m\u0000" };

        var xml = Bodies.Xml(job);

        Assert.Contains("<statusMessage>mkfs: \uFFFD[31mfailed\uFFFD[0m\uFFFD</statusMessage>", Bodies.Text(xml), StringComparison.Ordinal);
        Assert.Empty(CimiSchema.Validate(xml, allowResourceUriOnSingleResource: true));
    }
}
