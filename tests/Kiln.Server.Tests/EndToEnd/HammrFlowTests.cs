using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;

namespace Kiln.Server.Tests.EndToEnd;

/// <summary>hammr's flow against a real kiln-server on loopback: appliance, OS profile, install profile, target format by name, generate, poll, download.</summary>
[Collection(ServerBuilds.Name)]
public sealed class HammrFlowTests(ServerFixture fixture) : IDisposable
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);
    private readonly string _downloads = Directory.CreateTempSubdirectory("kiln-e2e-").FullName;

    public void Dispose() => Directory.Delete(_downloads, recursive: true);

    [Fact]
    public async Task Hammr_flow_generates_a_QCOW2_that_passes_qemu_img_check_and_boots()
    {
        var client = fixture.UForge;
        await client.CreateApplianceAsync("e2e-qcow2", ["jq"]);

        var ticket = await client.GenerateAsync("e2e-qcow2", "QCOW2");

        Assert.Equal("0", ticket.Element("status")!.Element("percentage")!.Value);
        Assert.False(UForgeClient.IsFinal(ticket.Element("status")!));
        var uri = ticket.Element("uri")!.Value;
        var cimiUri = $"cimi/machine_images/{ticket.Element("dbId")!.Value}";
        Assert.Equal("CREATING", (await CimiAsync(cimiUri)).Element(Cimi + "state")!.Value);
        var seen = new List<int>();
        var final = await client.PollAsync(uri, BuildTimeout, s =>
        {
            seen.Add(UForgeClient.Percentage(s));
            return UForgeClient.IsFinal(s);
        });
        Assert.True(UForgeClient.Flag(final, "complete"), $"{final}\n{fixture.Server.Output}");
        Assert.Equal(100, seen[^1]);
        Assert.Equal(seen.Order(), seen);

        var path = await client.DownloadAsync(uri, _downloads);

        Assert.EndsWith(".qcow2", path, StringComparison.Ordinal);
        var check = await HostTools.RunAsync("qemu-img", "check", path);
        Assert.True(check.ExitCode == 0, check.Output);
        var info = await HostTools.RunAsync("qemu-img", "info", "--output=json", path);
        using (var json = JsonDocument.Parse(info.Output))
        {
            Assert.Equal("qcow2", json.RootElement.GetProperty("format").GetString());
            Assert.Equal(2048L * 1024 * 1024, json.RootElement.GetProperty("virtual-size").GetInt64());
        }
        var image = (await client.GetAsync($"api/{uri}")).Root!;
        Assert.Equal(image.Element("sha256sum")!.Value, await Sha256Async(path));
        var packages = (await client.GetAsync($"api/{uri}/pkgs")).Root!.Descendants("pkg").Select(p => p.Element("name")!.Value).ToList();
        Assert.Contains("jq", packages);
        Assert.Contains("systemd", packages);

        var machineImage = await CimiAsync(cimiUri);
        Assert.Equal("AVAILABLE", machineImage.Element(Cimi + "state")!.Value);
        using (var head = new HttpRequestMessage(HttpMethod.Head, machineImage.Element(Cimi + "imageLocation")!.Value))
        using (var located = await fixture.UForge.Connection.SendAsync(head))
        {
            Assert.Equal(HttpStatusCode.OK, located.StatusCode);
            Assert.Equal(new FileInfo(path).Length, located.Content.Headers.ContentLength);
        }

        var boot = await QemuBoot.BootAsync(path, "qcow2", uefi: false, ["KILN-BOOT-OK e2e-qcow2"], TimeSpan.FromMinutes(5));
        Assert.True(boot.Seen, boot.Log);
    }

    [Fact]
    public async Task Hammr_flow_generates_a_VirtualBox_OVA_whose_disk_passes_qemu_img_check()
    {
        var client = fixture.UForge;
        await client.CreateApplianceAsync("e2e-vbox", ["jq"]);

        var ticket = await client.GenerateAsync("e2e-vbox", "VirtualBox");
        var uri = ticket.Element("uri")!.Value;
        var final = await client.PollAsync(uri, BuildTimeout);
        Assert.True(UForgeClient.Flag(final, "complete"), $"{final}\n{fixture.Server.Output}");

        var path = await client.DownloadAsync(uri, _downloads);

        Assert.EndsWith(".ova", path, StringComparison.Ordinal);
        var listing = await HostTools.RunAsync("tar", "-tf", path);
        Assert.Equal(0, listing.ExitCode);
        var entries = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(".ovf", entries[0], StringComparison.Ordinal);
        Assert.Contains(entries, e => e.EndsWith(".mf", StringComparison.Ordinal));
        var extract = await HostTools.RunAsync("tar", "-xf", path, "-C", _downloads);
        Assert.Equal(0, extract.ExitCode);
        var disk = Path.Combine(_downloads, entries.Single(e => e.EndsWith(".vmdk", StringComparison.Ordinal)));
        var check = await HostTools.RunAsync("qemu-img", "check", disk);
        Assert.True(check.ExitCode == 0, check.Output);
        var ovf = XDocument.Load(Path.Combine(_downloads, entries[0]));
        Assert.Contains(ovf.Descendants(), e => e.Name.LocalName == "VirtualQuantity" && e.Value == "768");
    }

    [Fact]
    public async Task Cancelling_mid_build_leaves_no_artefact_no_process_and_a_cancelled_status()
    {
        var client = fixture.UForge;
        var aid = await client.CreateApplianceAsync("e2e-cancel", ["jq"]);
        var ticket = await client.GenerateAsync("e2e-cancel", "QCOW2");
        var uri = ticket.Element("uri")!.Value;
        var id = ticket.Element("dbId")!.Value;
        await client.PollAsync(uri, BuildTimeout, s => UForgeClient.Percentage(s) >= 10 || UForgeClient.IsFinal(s), TimeSpan.FromMilliseconds(200));

        var cancelled = (await client.SendAsync(HttpMethod.Delete, $"api/{uri}/status", null, HttpStatusCode.OK)).Root!;

        Assert.True(UForgeClient.Flag(cancelled, "cancelled"), cancelled.ToString());
        var data = fixture.Server.DataDirectory;
        await Eventually(TimeSpan.FromSeconds(20), () =>
            HostTools.FilesUnder(Path.Combine(data, "builds")).Count == 0
            && HostTools.FilesUnder(Path.Combine(data, "work")).Count == 0
            && HostTools.ProcessesMentioning(data).Count == 0,
            () => $"builds: {string.Join(", ", HostTools.FilesUnder(Path.Combine(data, "builds")))}\n"
                + $"work: {string.Join(", ", HostTools.FilesUnder(Path.Combine(data, "work")))}\n"
                + $"processes: {string.Join("\n", HostTools.ProcessesMentioning(data))}");
        Assert.DoesNotContain(HostTools.FilesUnder(Path.Combine(data, "blobs")), f => f.Contains($"images/{id}/", StringComparison.Ordinal));
        var status = await client.StatusAsync(uri);
        Assert.True(UForgeClient.Flag(status, "cancelled"), status.ToString());
        Assert.False(UForgeClient.Flag(status, "complete"));
        var image = (await client.GetAsync($"api/{uri}")).Root!;
        Assert.Null(image.Element("downloadUri"));
        using var download = await fixture.Server.Client().GetAsync(new Uri($"api/users/admin/appliances/{aid}/images/{id}/downloads", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
    }

    private static readonly XNamespace Cimi = "http://schemas.dmtf.org/cimi/1";

    /// <summary>The image as CIMI shows it, in XML, validated against the CIMI schema.</summary>
    private async Task<XElement> CimiAsync(string uri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.ParseAdd("application/xml");
        using var response = await fixture.UForge.Connection.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, System.Text.Encoding.UTF8.GetString(body));
        Assert.Empty(CimiSchema.Validate(body, allowResourceUriOnSingleResource: true));
        return XDocument.Load(new MemoryStream(body)).Root!;
    }

    internal static async Task Eventually(TimeSpan timeout, Func<bool> condition, Func<string> explain)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > timeout)
                Assert.Fail($"not true after {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s:\n{explain()}");
            await Task.Delay(250);
        }
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }
}
