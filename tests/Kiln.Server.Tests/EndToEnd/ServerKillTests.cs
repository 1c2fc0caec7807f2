
namespace Kiln.Server.Tests.EndToEnd;

/// <summary>
/// The server is SIGKILLed mid-build and started again on the same data directory: the build's lease expires, the
/// job is retried once, and the image ends complete, or in error when the retry is killed too. Never stuck.
/// </summary>
[Collection(ServerBuilds.Name)]
public sealed class ServerKillTests : IAsyncLifetime
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(15);
    private readonly string _data = KilnServerProcess.NewDataDirectory();
    private KilnServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await KilnServerProcess.StartAsync(_data);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        // A tool the killed server ran may still be writing under the data directory.
        await Kiln.Builder.Processes.LeftoverProcesses.KillAsync(_data, CancellationToken.None);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Killing_the_server_mid_build_then_restarting_it_rebuilds_the_image()
    {
        var uri = await GenerateAndWaitUntilBuildingAsync("e2e-killed");

        await _server.KillAsync();
        _server = await KilnServerProcess.StartAsync(_data);

        using var http = _server.Client();
        var client = new UForgeClient(http);
        var final = await client.PollAsync(uri, BuildTimeout);
        Assert.True(UForgeClient.Flag(final, "complete"), $"{final}\n{_server.Output}");
        var image = (await client.GetAsync($"api/{uri}")).Root!;
        Assert.NotNull(image.Element("downloadUri"));
        var blobs = HostTools.FilesUnder(Path.Combine(_data, "blobs"));
        Assert.Contains(blobs, f => f.EndsWith("image.qcow2", StringComparison.Ordinal));
        await HammrFlowTests.Eventually(TimeSpan.FromSeconds(30), () => HostTools.FilesUnder(Path.Combine(_data, "builds")).Count == 0,
            () => string.Join(", ", HostTools.FilesUnder(Path.Combine(_data, "builds"))));
    }

    [Fact]
    public async Task Killing_the_server_during_the_build_and_during_its_retry_ends_the_image_in_error()
    {
        var uri = await GenerateAndWaitUntilBuildingAsync("e2e-killed-twice");
        await _server.KillAsync();
        _server = await KilnServerProcess.StartAsync(_data);
        using (var http = _server.Client())
            await new UForgeClient(http).PollAsync(uri, BuildTimeout,
                s => s.Element("message")?.Value.Contains("building again", StringComparison.Ordinal) == true || UForgeClient.IsFinal(s),
                TimeSpan.FromMilliseconds(200));

        await _server.KillAsync();
        _server = await KilnServerProcess.StartAsync(_data);

        using var again = _server.Client();
        var final = await new UForgeClient(again).PollAsync(uri, TimeSpan.FromMinutes(2));
        Assert.True(UForgeClient.Flag(final, "error"), $"{final}\n{_server.Output}");
        Assert.Contains("interrupted", final.Element("message")!.Value, StringComparison.Ordinal);
        Assert.Contains("2 time(s)", final.Element("errorMessage")!.Value, StringComparison.Ordinal);
    }

    private async Task<string> GenerateAndWaitUntilBuildingAsync(string name)
    {
        using var http = _server.Client();
        var client = new UForgeClient(http);
        await client.CreateApplianceAsync(name, ["jq"]);
        var ticket = await client.GenerateAsync(name, "QCOW2");
        var uri = ticket.Element("uri")!.Value;
        var status = await client.PollAsync(uri, BuildTimeout, s => UForgeClient.Percentage(s) > 0 || UForgeClient.IsFinal(s),
            TimeSpan.FromMilliseconds(200));
        Assert.False(UForgeClient.IsFinal(status), status.ToString());
        return uri;
    }
}
