using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Kiln.Catalog;
using Kiln.Server.Machines;
using Kiln.Server.Tests.Cimi;
using Kiln.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Kiln.Server.Tests.Cimi.CimiHttp;

namespace Kiln.Server.Tests.Machines;

/// <summary>
/// The service running real QEMU machines (TCG) from blank disks: the firmware finds nothing to boot and waits, which
/// is all that lifecycle, capture and restart need; booting a built image is the end-to-end tests' work. A guest that
/// does not listen to the power button makes every graceful stop end in a hard stop after a short timeout.
/// </summary>
public class MachinesKiln : KilnFactory
{
    private readonly string? _dataDirectory;
    private readonly int _maxRunning;

    public MachinesKiln() : this(null, 4)
    {
    }

    protected MachinesKiln(string? dataDirectory, int maxRunning)
    {
        _dataDirectory = dataDirectory;
        _maxRunning = maxRunning;
    }

    public string Data => _dataDirectory ?? DataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_dataDirectory is not null)
            builder.UseSetting("Kiln:DataDirectory", _dataDirectory);
        builder.UseSetting("Kiln:BuildConcurrency", "0");
        builder.UseSetting("Kiln:CheckPackages", "false");
        builder.UseSetting("Kiln:MachineAccelerator", "tcg");
        builder.UseSetting("Kiln:MachineStopTimeout", "00:00:02");
        builder.UseSetting("Kiln:ReconcileInterval", "00:00:01");
        builder.UseSetting("Kiln:StatusInterval", "00:00:00.2");
        builder.UseSetting("Kiln:HeartbeatInterval", "00:00:00.5");
        builder.UseSetting("Kiln:MaxRunningMachines", _maxRunning.ToString(CultureInfo.InvariantCulture));
    }

    public IMachineStore Machines => Services.GetRequiredService<IMachineStore>();

    public string MachineDirectory(long id) => Path.Combine(Data, "machines", id.ToString(CultureInfo.InvariantCulture));

    /// <summary>A blank qcow2 disk of 64 MiB imported into the catalog for <paramref name="owner"/>: an image a machine runs.</summary>
    public async Task<Image> BlankImageAsync(string owner = "admin", string name = "blank")
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("blank.qcow2");
        await DiskImages.QemuImgAsync(temp.Path, "create", "-q", "-f", "qcow2", path, "64M");
        var image = await BuiltImages.ImportedAsync(this, owner, await File.ReadAllBytesAsync(path), name);
        var catalog = Services.GetRequiredService<ICatalogStore>();
        return (await catalog.GetImageByIdAsync(image.Id, default))!;
    }

    /// <summary>A machine create body from a shared config (by name) and an image.</summary>
    public static string CreateBody(long imageId, long configId, string name = "m", string? initialState = null) =>
        new XElement(Ns + "MachineCreate",
            new XElement(Ns + "name", name),
            new XElement(Ns + "machineTemplate",
                initialState is null ? null : new XElement(Ns + "initialState", initialState),
                new XElement(Ns + "machineConfig", new XAttribute("href", Base + "machine_configs/" + configId)),
                new XElement(Ns + "machineImage", new XAttribute("href", ImageHref(imageId))))).ToString(SaveOptions.DisableFormatting);

    /// <summary>The id of the shared configuration called <paramref name="name"/>.</summary>
    public async Task<long> ConfigAsync(string name = "small")
    {
        await Eventually.TrueAsync(async () => (await Machines.ListSharedConfigsAsync(default)).Count > 0, "shared configurations made at start");
        return (await Machines.ListSharedConfigsAsync(default)).Single(c => c.Label.Name == name).Id;
    }

    /// <summary>Creates a machine through CIMI (201) and returns its id.</summary>
    public async Task<long> CreateMachineAsync(HttpClient client, long imageId, string? initialState = null, string name = "m")
    {
        var created = (await SendAsync(client, HttpMethod.Post, "/cimi/machines", CreateBody(imageId, await ConfigAsync(), name, initialState)))
            .Expect(HttpStatusCode.Created);
        var href = created.Headers.Location!.ToString();
        return long.Parse(href[(href.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    public static async Task<XElement> MachineAsync(HttpClient client, long id) =>
        (await GetAsync(client, MachinePath(id))).Expect(HttpStatusCode.OK).Xml;

    /// <summary>Waits until the machine's state is <paramref name="state"/> and returns its document.</summary>
    public static async Task<XElement> WaitForStateAsync(HttpClient client, long id, string state, int seconds = 60)
    {
        XElement machine = null!;
        await Eventually.TrueAsync(async () =>
        {
            machine = await MachineAsync(client, id);
            return machine.Element(Ns + "state")!.Value == state;
        }, $"machine {id} {state}", seconds, () => machine?.ToString() ?? "");
        return machine;
    }

    public static string MachinePath(long id) => "/cimi/machines/" + id.ToString(CultureInfo.InvariantCulture);

    public static string MachineHref(long id) => Base + "machines/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Property(XElement machine, string name) =>
        machine.Elements(Ns + "property").SingleOrDefault(p => (string?)p.Attribute("name") == name)?.Value ?? "";

    public static int Pid(XElement machine) => int.Parse(Property(machine, "pid"), CultureInfo.InvariantCulture);

    public static IEnumerable<string> Operations(XElement machine) =>
        machine.Elements(Ns + "operation").Select(o => (string)o.Attribute("rel")!);

    public static string Action(string name) =>
        $"<Action xmlns=\"{Ns}\"><action>http://schemas.dmtf.org/cimi/1/action/{name}</action></Action>";

    public static bool ProcessAlive(int pid) => Kiln.Machines.ProcessIdentity.StartTime(pid) is not null;

    internal MachineSupervisor Supervisor => Services.GetRequiredService<MachineSupervisor>();
}

/// <summary>The service on a data directory of the test's (it outlives the service: a restart finds its machines), with a limit of running machines.</summary>
public sealed class MachinesKilnOn(string dataDirectory, int maxRunning = 4) : MachinesKiln(dataDirectory, maxRunning);

/// <summary>Waits for what happens in the background, without sleeping longer than needed.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, int seconds = 60, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {seconds} s: {what}\n{detail?.Invoke()}");
            await Task.Delay(100);
        }
    }
}
