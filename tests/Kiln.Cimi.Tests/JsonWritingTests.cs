using System.Text.Json;
using Kiln.Cimi.Tests.Support;

namespace Kiln.Cimi.Tests;

/// <summary>The JSON of each document: flat objects, resourceURI first, entries under machineImages / jobs.</summary>
public class JsonWritingTests
{
    [Fact]
    public void Machine_image_json_is_a_flat_object_with_resourceURI_first()
    {
        var image = Bodies.JsonRoot(Samples.FullImage);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "properties", "state", "type", "imageLocation", "relatedImage", "operations"],
            Bodies.Members(image));
        Assert.Equal(CimiUris.MachineImage, image.GetProperty("resourceURI").GetString());
        Assert.Equal("2024-05-06T07:08:09Z", image.GetProperty("created").GetString());
        Assert.Equal("SNAPSHOT", image.GetProperty("type").GetString());
        Assert.Equal(Samples.Base + "machine_images/base", image.GetProperty("relatedImage").GetProperty("href").GetString());
    }

    [Fact]
    public void Properties_are_an_object_and_operations_an_array_of_rel_and_href()
    {
        var image = Bodies.JsonRoot(Samples.FullImage);

        var properties = image.GetProperty("properties");
        Assert.Equal(["format", "arch"], Bodies.Members(properties));
        Assert.Equal("qcow2", properties.GetProperty("format").GetString());
        var operations = image.GetProperty("operations");
        Assert.Equal(JsonValueKind.Array, operations.ValueKind);
        Assert.Equal(["rel", "href"], Bodies.Members(operations[0]));
        Assert.Equal(("edit", Samples.Base + "machine_images/web"), (operations[0].GetProperty("rel").GetString(), operations[0].GetProperty("href").GetString()));
        Assert.Equal("delete", operations[1].GetProperty("rel").GetString());
    }

    [Fact]
    public void Collection_entries_sit_under_machineImages_each_with_its_own_resourceURI()
    {
        var collection = Bodies.JsonRoot(Samples.SeedCollection);

        Assert.Equal(["resourceURI", "id", "count", "machineImages", "operations"], Bodies.Members(collection));
        Assert.Equal(CimiUris.MachineImageCollection, collection.GetProperty("resourceURI").GetString());
        Assert.Equal(3, collection.GetProperty("count").GetInt32());
        var entries = collection.GetProperty("machineImages");
        Assert.Equal(3, entries.GetArrayLength());
        Assert.All(entries.EnumerateArray(), entry => Assert.Equal(CimiUris.MachineImage, entry.GetProperty("resourceURI").GetString()));
        Assert.Equal(["resourceURI", "id", "name", "description", "created", "state", "type", "imageLocation"], Bodies.Members(entries[0]));
        Assert.Equal("2012-12-28T16:23:35+02:00", entries[0].GetProperty("created").GetString());
        Assert.Equal("add", collection.GetProperty("operations")[0].GetProperty("rel").GetString());
    }

    [Fact]
    public void An_empty_collection_still_has_its_machineImages_array()
    {
        var collection = Bodies.JsonRoot(new MachineImageCollection { Id = Samples.Base + "machine_images" });

        Assert.Equal(["resourceURI", "id", "count", "machineImages"], Bodies.Members(collection));
        Assert.Equal(0, collection.GetProperty("machineImages").GetArrayLength());
    }

    [Fact]
    public void Job_collection_entries_sit_under_jobs()
    {
        var collection = Bodies.JsonRoot(Samples.FullJobs);

        Assert.Equal(CimiUris.JobCollection, collection.GetProperty("resourceURI").GetString());
        Assert.All(collection.GetProperty("jobs").EnumerateArray(), job => Assert.Equal(CimiUris.Job, job.GetProperty("resourceURI").GetString()));
    }

    [Fact]
    public void Job_json_has_references_as_href_objects_and_numbers_and_booleans_as_such()
    {
        var job = Bodies.JsonRoot(Samples.FullJob);

        Assert.Equal(
            [
                "resourceURI", "id", "name", "description", "created", "updated", "properties", "state", "targetResource",
                "affectedResources", "action", "returnCode", "progress", "statusMessage", "timeOfStatusChange",
                "isCancellable", "parentJob", "nestedJobs", "operations",
            ],
            Bodies.Members(job));
        Assert.Equal(Samples.Base + "machine_images/web", job.GetProperty("targetResource").GetProperty("href").GetString());
        Assert.Equal(Samples.Base + "machines/inst2", job.GetProperty("affectedResources")[1].GetProperty("href").GetString());
        Assert.Equal(Samples.Base + "jobs/9", job.GetProperty("nestedJobs")[1].GetProperty("href").GetString());
        Assert.Equal(40, job.GetProperty("progress").GetInt32());
        Assert.Equal(0, job.GetProperty("returnCode").GetInt32());
        Assert.True(job.GetProperty("isCancellable").GetBoolean());
        Assert.Equal("RUNNING", job.GetProperty("state").GetString());
    }

    [Fact]
    public void Cloud_entry_point_json_has_collection_references_then_driver_and_provider()
    {
        var entryPoint = Bodies.JsonRoot(Samples.EntryPoint);

        Assert.Equal(
            ["resourceURI", "id", "name", "description", "created", "updated", "baseURI", "machines", "machineImages", "jobs", "driver", "provider"],
            Bodies.Members(entryPoint));
        Assert.Equal(CimiUris.CloudEntryPoint, entryPoint.GetProperty("resourceURI").GetString());
        Assert.Equal(Samples.Base + "machine_images", entryPoint.GetProperty("machineImages").GetProperty("href").GetString());
        Assert.Equal("kiln", entryPoint.GetProperty("driver").GetString());
        Assert.Equal("kiln", entryPoint.GetProperty("provider").GetString());
    }

    [Fact]
    public void Absent_values_and_empty_lists_are_left_out()
    {
        var image = Bodies.JsonRoot(new MachineImage { Name = "x" });

        Assert.Equal(["resourceURI", "name"], Bodies.Members(image));
    }

    [Fact]
    public void Text_is_not_escaped_beyond_what_json_needs()
    {
        var text = Bodies.Text(Bodies.Json(Samples.SeedImage("img1", "Fedora 10 \"Cambridge\" <é>", Samples.Created)));

        Assert.Contains("\"created\":\"2012-12-28T16:23:35+02:00\"", text, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"Fedora 10 \\\"Cambridge\\\" <é>\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_is_a_status_a_message_and_the_path()
    {
        var error = Bodies.JsonRoot(new CimiError(404, "No machine image 'web'.", "/cimi/machine_images/web"));

        Assert.Equal(["status", "message", "path"], Bodies.Members(error));
        Assert.Equal(404, error.GetProperty("status").GetInt32());
        Assert.Equal("No machine image 'web'.", error.GetProperty("message").GetString());
        Assert.Equal(["status", "message"], Bodies.Members(Bodies.JsonRoot(new CimiError(400, "bad"))));
    }
}
