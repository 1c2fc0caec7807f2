using System.Xml.Linq;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>$select at write time: only the named attributes; on collections, of the entries.</summary>
public class SelectTests
{
    private static readonly XNamespace Cimi = CimiUris.Namespace;

    [Fact]
    public void Select_keeps_only_the_named_attributes_of_a_machine_image_in_xml()
    {
        var root = Bodies.XmlRoot(Samples.FullImage, "name", "state");

        Assert.Equal(["name", "state"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(CimiUris.MachineImage, (string?)root.Attribute("resourceURI"));
    }

    [Fact]
    public void Select_keeps_only_the_named_attributes_plus_resourceURI_in_json()
    {
        var image = Bodies.JsonRoot(Samples.FullImage, "state", "name");

        Assert.Equal(["resourceURI", "name", "state"], Bodies.Members(image));
    }

    [Fact]
    public void Select_on_a_collection_applies_to_its_entries_and_keeps_id_count_and_operations()
    {
        var xml = Bodies.XmlRoot(Samples.FullImages, "name");
        var json = Bodies.JsonRoot(Samples.FullImages, "name");

        Assert.Equal(["id", "count", "MachineImage", "MachineImage", "operation"], xml.Elements().Select(e => e.Name.LocalName));
        Assert.All(xml.Elements(Cimi + "MachineImage"), entry => Assert.Equal(["name"], entry.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(["resourceURI", "id", "count", "machineImages", "operations"], Bodies.Members(json));
        Assert.All(json.GetProperty("machineImages").EnumerateArray(), entry => Assert.Equal(["resourceURI", "name"], Bodies.Members(entry)));
    }

    [Fact]
    public void Select_names_properties_operations_and_references_by_their_attribute_names()
    {
        var job = Bodies.JsonRoot(Samples.FullJob, "properties", "affectedResources", "nestedJobs", "operations");
        var xml = Bodies.XmlRoot(Samples.FullJob, "properties", "affectedResources", "nestedJobs", "operations");

        Assert.Equal(["resourceURI", "properties", "affectedResources", "nestedJobs", "operations"], Bodies.Members(job));
        Assert.Equal(
            ["property", "affectedResource", "affectedResource", "nestedJob", "nestedJob", "operation"],
            xml.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Select_star_and_no_select_give_everything()
    {
        Assert.Equal(Bodies.Xml(Samples.FullImage), Bodies.Xml(Samples.FullImage, "*"));
        Assert.Equal(Bodies.Json(Samples.FullJobs), Bodies.Json(Samples.FullJobs, "*"));
    }

    [Fact]
    public void Select_of_an_unknown_attribute_leaves_an_empty_resource()
    {
        Assert.Equal(["resourceURI"], Bodies.Members(Bodies.JsonRoot(Samples.FullImage, "colour")));
    }

    [Theory]
    [MemberData(nameof(Samples.Kinds), MemberType = typeof(Samples))]
    public void Selected_documents_stay_valid_against_the_xsd(string kind)
    {
        var xml = Bodies.Xml(Samples.Full(kind), "name", "description", "properties");

        Assert.Empty(CimiSchema.Validate(xml, allowResourceUriOnSingleResource: true));
    }
}
