using Kiln.Server.CimiApi;

namespace Kiln.Server.Tests.Cimi;

/// <summary>Ids read back from the hrefs clients send (a machine to capture, a configuration, an image).</summary>
public sealed class HrefTests
{
    [Theory]
    [InlineData("http://localhost/cimi/machines/7", "machines", 7L)]
    [InlineData("https://kiln.example:8443/base/cimi/machines/42/", "machines", 42L)]
    [InlineData("/cimi/machine_configs/3", "machine_configs", 3L)]
    [InlineData("  http://127.0.0.1:8080/cimi/machine_images/12  ", "machine_images", 12L)]
    [InlineData("http://localhost:3001/cimi/machines/inst1", "machines", null)]
    [InlineData("http://localhost/cimi/machine_images/7", "machines", null)]
    [InlineData("http://localhost/cimi/machines/7/disks", "machines", null)]
    [InlineData("http://localhost/cimi/machines/-7", "machines", null)]
    [InlineData("http://localhost/cimi/machines/1234567890123456789", "machines", null)]
    [InlineData("", "machines", null)]
    [InlineData(null, "machines", null)]
    public void The_id_is_the_last_segment_after_the_collection_whatever_host_the_href_names(string? href, string collection, long? expected) =>
        Assert.Equal(expected, CimiLinks.IdIn(href, collection));
}
