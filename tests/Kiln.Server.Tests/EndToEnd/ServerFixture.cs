namespace Kiln.Server.Tests.EndToEnd;

/// <summary>One kiln-server process shared by the end-to-end tests of a run, on its own data directory.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public KilnServerProcess Server { get; private set; } = null!;

    public UForgeClient UForge { get; private set; } = null!;

    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        Server = await KilnServerProcess.StartAsync(KilnServerProcess.NewDataDirectory());
        _http = Server.Client();
        UForge = new UForgeClient(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
        // A tool the killed server ran may still be writing under the data directory.
        await Kiln.Builder.Processes.LeftoverProcesses.KillAsync(Server.DataDirectory, CancellationToken.None);
        Directory.Delete(Server.DataDirectory, recursive: true);
    }
}

/// <summary>End-to-end tests build real images: they run one after the other, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class ServerBuilds : ICollectionFixture<ServerFixture>
{
    public const string Name = "kiln server builds";
}
