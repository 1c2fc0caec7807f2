using System.Collections.Concurrent;
using Kiln.Builder.Formats;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Tests.Integration;

/// <summary>
/// Builds the test appliance once per run and shares the results: a BIOS build into every format (bootstrapping
/// the base tree unless an earlier run cached it), then a UEFI build of the same base into qcow2 and OVA, which
/// must find the base in the cache.
/// </summary>
public sealed class ImageBuildFixture : IAsyncLifetime
{
    public static readonly string Root = Environment.GetEnvironmentVariable("KILN_TEST_ROOT") ?? "/var/tmp/kiln-tests";

    public BuilderOptions Options { get; } = new()
    {
        CacheDirectory = Path.Combine(Root, "cache"),
        WorkDirectory = Path.Combine(Root, "work"),
        CacheMaxBytes = 8L * 1024 * 1024 * 1024,
    };

    public ImageBuilder Builder { get; }
    public DiskIdentifiers BiosIds { get; } = DiskIdentifiers.CreateRandom();
    public string BiosOutput { get; } = Path.Combine(Root, "out-bios");
    public string UefiOutput { get; } = Path.Combine(Root, "out-uefi");
    public BuildReport Bios { get; private set; } = null!;
    public BuildReport Uefi { get; private set; } = null!;
    public ConcurrentQueue<BuildProgress> BiosProgress { get; } = new();

    public ImageBuildFixture() => Builder = new ImageBuilder(Options);

    public static readonly string[] AllFormats = [.. TargetFormats.All.Select(f => f.Name)];

    public string BiosArtefact(string format) => Bios.Artefacts.Single(a => a.Format == format).Path;

    public string UefiArtefact(string format) => Uefi.Artefacts.Single(a => a.Format == format).Path;

    public static long RootOffset => DiskLayout.Create(2048, 128, uefi: false).Root.OffsetBytes;

    public async Task InitializeAsync()
    {
        foreach (var dir in new[] { BiosOutput, UefiOutput })
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        Bios = await Builder.BuildAsync(new BuildRequest(TestAppliances.Web("bios"), AllFormats, BiosOutput), new Recorder(BiosProgress),
            CancellationToken.None, BiosIds);
        Uefi = await Builder.BuildAsync(new BuildRequest(TestAppliances.Web("uefi"), ["qcow2", "ova"], UefiOutput), null, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private sealed class Recorder(ConcurrentQueue<BuildProgress> sink) : IProgress<BuildProgress>
    {
        public void Report(BuildProgress value) => sink.Enqueue(value);
    }
}

[CollectionDefinition(Name)]
public sealed class ImageBuilds : ICollectionFixture<ImageBuildFixture>
{
    public const string Name = "image builds";
}
