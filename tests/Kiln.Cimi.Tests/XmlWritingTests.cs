using System.Xml.Linq;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The XML of each document: element order per the xsd, references, properties, absent values, errors.</summary>
public class XmlWritingTests
{
    private static readonly XNamespace Cimi = CimiUris.Namespace;
    private static readonly XNamespace Kiln = CimiUris.KilnNamespace;

    private static string[] Children(XElement element) => [.. element.Elements().Select(e => e.Name.LocalName)];

    [Fact]
    public void Cloud_entry_point_lists_collections_in_the_xsd_order_then_driver_and_provider_in_kilns_namespace()
    {
        var root = Bodies.XmlRoot(Samples.EntryPoint);

        Assert.Equal(Cimi + "CloudEntryPoint", root.Name);
        Assert.Equal(CimiUris.CloudEntryPoint, (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            ["id", "name", "description", "created", "updated", "baseURI", "machines", "machineImages", "jobs", "driver", "provider"],
            Children(root));
        Assert.Equal(Samples.Base + "machine_images", (string?)root.Element(Cimi + "machineImages")!.Attribute("href"));
        Assert.True(root.Element(Cimi + "machineImages")!.IsEmpty);
        Assert.Equal("kiln", (string?)root.Element(Kiln + "driver"));
        Assert.Equal("kiln", (string?)root.Element(Kiln + "provider"));
        Assert.Equal(Samples.Base, (string?)root.Element(Cimi + "baseURI"));
    }

    [Fact]
    public void A_cloud_entry_point_naming_a_collection_the_xsd_does_not_know_is_refused()
    {
        var entryPoint = Samples.EntryPoint with { Collections = new Dictionary<string, string> { ["pictures"] = "http://x/" } };

        var error = Assert.Throws<ArgumentException>(() => Bodies.Xml(entryPoint));

        Assert.Contains("pictures", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Machine_image_children_follow_the_xsd_order_with_properties_named_and_operations_last()
    {
        var root = Bodies.XmlRoot(Samples.FullImage);

        Assert.Equal(
            ["id", "name", "description", "created", "updated", "property", "property", "state", "type", "imageLocation", "relatedImage", "operation", "operation"],
            Children(root));
        var property = root.Elements(Cimi + "property").First();
        Assert.Equal("format", (string?)property.Attribute("name"));
        Assert.Equal("qcow2", property.Value);
        Assert.Equal("SNAPSHOT", (string?)root.Element(Cimi + "type"));
        Assert.Equal("AVAILABLE", (string?)root.Element(Cimi + "state"));
        Assert.Equal(Samples.Base + "machine_images/base", (string?)root.Element(Cimi + "relatedImage")!.Attribute("href"));
        var edit = root.Elements(Cimi + "operation").First();
        Assert.Equal(("edit", Samples.Base + "machine_images/web"), ((string?)edit.Attribute("rel"), (string?)edit.Attribute("href")));
    }

    [Fact]
    public void Job_children_follow_the_xsd_order_with_references_as_href()
    {
        var root = Bodies.XmlRoot(Samples.FullJob);

        Assert.Equal(Cimi + "Job", root.Name);
        Assert.Equal(CimiUris.Job, (string?)root.Attribute("resourceURI"));
        Assert.Equal(
            [
                "id", "name", "description", "created", "updated", "property", "state", "targetResource",
                "affectedResource", "affectedResource", "action", "returnCode", "progress", "statusMessage",
                "timeOfStatusChange", "isCancellable", "parentJob", "nestedJob", "nestedJob", "operation",
            ],
            Children(root));
        Assert.Equal("RUNNING", (string?)root.Element(Cimi + "state"));
        Assert.Equal("40", (string?)root.Element(Cimi + "progress"));
        Assert.Equal("true", (string?)root.Element(Cimi + "isCancellable"));
        Assert.Equal(Samples.Base + "machines/inst2", (string?)root.Elements(Cimi + "affectedResource").Last().Attribute("href"));
        Assert.Equal(Samples.Base + "jobs/6", (string?)root.Element(Cimi + "parentJob")!.Attribute("href"));
    }

    [Fact]
    public void Job_collection_is_a_collection_of_job_elements()
    {
        var root = Bodies.XmlRoot(Samples.FullJobs);

        Assert.Equal(Cimi + "Collection", root.Name);
        Assert.Equal(CimiUris.JobCollection, (string?)root.Attribute("resourceURI"));
        Assert.Equal(["id", "count", "Job", "Job"], Children(root));
        Assert.All(root.Elements(Cimi + "Job"), job => Assert.Null(job.Attribute("resourceURI")));
    }

    [Fact]
    public void Absent_values_and_empty_lists_are_left_out()
    {
        var root = Bodies.XmlRoot(new MachineImage { Id = Samples.Base + "machine_images/x", State = MachineImageState.Creating });

        Assert.Equal(["id", "state"], Children(root));
        Assert.Equal("CREATING", (string?)root.Element(Cimi + "state"));
    }

    [Fact]
    public void Utc_dates_are_written_with_Z_to_the_second()
    {
        var image = new MachineImage { Created = new DateTimeOffset(2024, 5, 6, 7, 8, 9, 765, TimeSpan.Zero) };

        Assert.Equal("2024-05-06T07:08:09Z", (string?)Bodies.XmlRoot(image).Element(Cimi + "created"));
    }

    [Fact]
    public void Every_state_and_type_has_its_cimi_capitals()
    {
        Assert.Equal(
            ["CREATING", "AVAILABLE", "DELETING", "ERROR"],
            Enum.GetValues<MachineImageState>().Select(CimiWireNames.Of));
        Assert.Equal(["IMAGE", "SNAPSHOT", "PARTIAL_SNAPSHOT"], Enum.GetValues<MachineImageType>().Select(CimiWireNames.Of));
        Assert.Equal(["RUNNING", "SUCCESS", "FAILED", "CANCELLED"], Enum.GetValues<JobState>().Select(CimiWireNames.Of));
    }

    [Fact]
    public void An_error_is_a_small_document_in_kilns_namespace()
    {
        var root = Bodies.XmlRoot(new CimiError(404, "No machine image 'web'.", "/cimi/machine_images/web"));

        Assert.Equal(Kiln + "error", root.Name);
        Assert.Equal(["status", "message", "path"], Children(root));
        Assert.Equal("404", (string?)root.Element(Kiln + "status"));
        Assert.Equal("No machine image 'web'.", (string?)root.Element(Kiln + "message"));
        Assert.Equal("/cimi/machine_images/web", (string?)root.Element(Kiln + "path"));
    }

    [Fact]
    public void An_error_without_a_path_leaves_it_out()
    {
        Assert.Equal(["status", "message"], Children(Bodies.XmlRoot(new CimiError(400, "bad"))));
    }

    [Fact]
    public void A_type_that_is_no_cimi_document_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Bodies.Xml("not a document"));
    }

    [Fact]
    public void A_progress_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Job { Progress = 101 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Job { Progress = -1 });
    }
}
