using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Kiln.Builder.Appliances;
using Kiln.Catalog;
using Kiln.Server.Tests.Machines;
using Kiln.Storage.Sqlite;

namespace Kiln.Server.Tests.EndToEnd;

/// <summary>
/// A machine from a Kiln-built image on a real kiln-server: it boots under QEMU to KILN-BOOT-OK (read from its console
/// log), a file its first-boot script writes is in the image captured from it (read back with debugfs), and its QEMU
/// killed from outside is shown as ERROR; deleting it leaves no process and no file.
/// </summary>
[Collection(ServerBuilds.Name)]
public sealed class MachineFlowTests(ServerFixture fixture) : IDisposable
{
    private static readonly XNamespace Cimi = "http://schemas.dmtf.org/cimi/1";
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);
    private readonly string _work = Directory.CreateTempSubdirectory("kiln-e2e-machine-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task A_machine_boots_a_built_image_and_what_its_guest_wrote_is_in_the_image_captured_from_it()
    {
        var token = Guid.NewGuid().ToString("N");
        var imageId = await BuildImageWritingAsync(token);
        var http = fixture.UForge.Connection;
        var configs = await CimiAsync(HttpMethod.Get, "cimi/machine_configs?$filter=name='small'", null, HttpStatusCode.OK);
        var configHref = configs.Root!.Element(Cimi + "MachineConfiguration")!.Element(Cimi + "id")!.Value;
        var baseUri = new Uri(http.BaseAddress!, "cimi/").ToString();

        var created = await CimiAsync(HttpMethod.Post, "cimi/machines", $"""
            <MachineCreate xmlns="{Cimi}">
              <name>e2e-machine</name>
              <machineTemplate>
                <machineConfig href="{configHref}"/>
                <machineImage href="{baseUri}machine_images/{imageId}"/>
              </machineTemplate>
            </MachineCreate>
            """, HttpStatusCode.Created);
        var machineHref = created.Root!.Element(Cimi + "id")!.Value;
        var machineId = long.Parse(machineHref[(machineHref.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
        var console = Path.Combine(fixture.Server.DataDirectory, "machines", machineId.ToString(CultureInfo.InvariantCulture), "console.log");
        await Eventually.TrueAsync(() => Task.FromResult(ReadShared(console).Contains("KILN-BOOT-OK e2e-machine", StringComparison.Ordinal)), "KILN-BOOT-OK", 360,
            () => $"console:\n{Tail(ReadShared(console))}\nserver:\n{Tail(fixture.Server.Output)}");
        Assert.Equal("STARTED", await StateAsync(machineHref));

        await CimiAsync(HttpMethod.Post, machineHref, Action("stop"), HttpStatusCode.Accepted);
        await Eventually.TrueAsync(async () => await StateAsync(machineHref) == "STOPPED", "STOPPED", 180, () => Tail(ReadShared(console)));
        Assert.Contains("reboot: Power down", ReadShared(console), StringComparison.Ordinal);

        // The seed's capture request, naming this machine.
        var capture = await CimiAsync(HttpMethod.Post, "cimi/machine_images", $"""
            <MachineImage>
              <name>captured-e2e</name>
              <description>my new machine_image</description>
              <type>IMAGE</type>
              <imageLocation>{machineHref}</imageLocation>
            </MachineImage>
            """, HttpStatusCode.Accepted);
        var capturedHref = capture.Root!.Element(Cimi + "id")!.Value;
        await Eventually.TrueAsync(async () =>
            (await CimiAsync(HttpMethod.Get, capturedHref, null, HttpStatusCode.OK)).Root!.Element(Cimi + "state")!.Value is "AVAILABLE" or "ERROR",
            "the capture's end", 300, () => fixture.Server.Output);
        var captured = (await CimiAsync(HttpMethod.Get, capturedHref, null, HttpStatusCode.OK)).Root!;
        Assert.Equal("AVAILABLE", captured.Element(Cimi + "state")!.Value);
        var listed = await CimiAsync(HttpMethod.Get, "cimi/machine_images", null, HttpStatusCode.OK);
        Assert.Contains(listed.Root!.Elements(Cimi + "MachineImage"), i => i.Element(Cimi + "id")!.Value == capturedHref);

        var qcow2 = Path.Combine(_work, "captured.qcow2");
        using (var download = await http.GetAsync(captured.Element(Cimi + "imageLocation")!.Value))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            await using var file = File.Create(qcow2);
            await download.Content.CopyToAsync(file);
        }
        Assert.Equal($"written inside machine {token}", (await ReadFromRootAsync(qcow2, "/var/lib/kiln-e2e/marker")).Trim());

        await CimiAsync(HttpMethod.Post, machineHref, Action("start"), HttpStatusCode.Accepted);
        await Eventually.TrueAsync(async () => await StateAsync(machineHref) == "STARTED", "STARTED again", 60, () => fixture.Server.Output);
        var pid = int.Parse((await CimiAsync(HttpMethod.Get, machineHref, null, HttpStatusCode.OK)).Root!.Elements(Cimi + "property")
            .Single(p => (string?)p.Attribute("name") == "pid").Value, CultureInfo.InvariantCulture);
        Assert.Equal(0, (await HostTools.RunAsync("kill", "-9", pid.ToString(CultureInfo.InvariantCulture))).ExitCode);
        await Eventually.TrueAsync(async () => await StateAsync(machineHref) == "ERROR", "ERROR after the kill", 20, () => fixture.Server.Output);

        await CimiAsync(HttpMethod.Delete, machineHref, null, HttpStatusCode.OK);
        Assert.False(Directory.Exists(Path.GetDirectoryName(console)));
        Assert.Empty(HostTools.ProcessesMentioning(Path.GetDirectoryName(console)!));
    }

    /// <summary>
    /// Generates a QCOW2 through the UForge API from an appliance whose first-boot script writes a file. Kiln's UForge
    /// API has no boot-script resource yet, so the script is put into the appliance's definition through the catalog,
    /// on the server's own database file (a second process on it, as a fleet would be).
    /// </summary>
    private async Task<long> BuildImageWritingAsync(string token)
    {
        var client = fixture.UForge;
        var applianceId = await client.CreateApplianceAsync("e2e-machine", []);
        var catalog = new SqliteCatalogStore(new SqliteDatabase(Path.Combine(fixture.Server.DataDirectory, "kiln.db")));
        var appliance = (await catalog.GetApplianceAsync("admin", applianceId, default))!;
        var script = new BootScript
        {
            Name = "write-marker",
            Type = "firstboot",
            Script = $"#!/bin/sh\nmkdir -p /var/lib/kiln-e2e\necho 'written inside machine {token}' > /var/lib/kiln-e2e/marker\nsync\n",
        };
        await catalog.UpdateApplianceAsync(appliance with { Definition = appliance.Definition with { BootScripts = [script] } }, default);

        var ticket = await client.GenerateAsync("e2e-machine", "QCOW2");
        var final = await client.PollAsync(ticket.Element("uri")!.Value, BuildTimeout);
        Assert.True(UForgeClient.Flag(final, "complete"), $"{final}\n{fixture.Server.Output}");
        return long.Parse(ticket.Element("dbId")!.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Reads a file of the image's root file system: to raw, the largest Linux partition's offset, debugfs.</summary>
    private async Task<string> ReadFromRootAsync(string qcow2, string path)
    {
        var raw = Path.Combine(_work, "captured.raw");
        Assert.Equal(0, (await HostTools.RunAsync("qemu-img", "convert", "-f", "qcow2", "-O", "raw", qcow2, raw)).ExitCode);
        var table = await HostTools.RunAsync("sfdisk", "--json", raw);
        Assert.True(table.ExitCode == 0, table.Output);
        using var json = JsonDocument.Parse(table.Output);
        var root = json.RootElement.GetProperty("partitiontable").GetProperty("partitions").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() is "83" or "0FC63DAF-8483-4772-8E79-3D69D8477DE4")
            .MaxBy(p => p.GetProperty("size").GetInt64());
        var offset = root.GetProperty("start").GetInt64() * 512;
        var cat = await HostTools.RunAsync("debugfs", "-R", $"cat {path}", raw + "?offset=" + offset.ToString(CultureInfo.InvariantCulture));
        Assert.True(cat.ExitCode == 0, cat.Output);
        return cat.Output.Split('\n').Where(l => !l.StartsWith("debugfs ", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l + "\n");
    }

    private async Task<string> StateAsync(string machineHref) =>
        (await CimiAsync(HttpMethod.Get, machineHref, null, HttpStatusCode.OK)).Root!.Element(Cimi + "state")!.Value;

    private async Task<XDocument> CimiAsync(HttpMethod method, string uri, string? xml, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.ParseAdd("application/xml");
        if (xml is not null)
            request.Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml");
        using var response = await fixture.UForge.Connection.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {uri}: {(int)response.StatusCode} {text}");
        return text.Length > 0 ? XDocument.Parse(text) : new XDocument();
    }

    private static string Action(string name) =>
        $"<Action xmlns=\"{Cimi}\"><action>http://schemas.dmtf.org/cimi/1/action/{name}</action></Action>";

    private static string ReadShared(string path)
    {
        if (!File.Exists(path))
            return "";
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;
}
