namespace Kiln.Catalog.Tests;

/// <summary>
/// What every <see cref="IMachineStore"/> backend must do, one behaviour of the interface's documentation per test.
/// A backend's test class derives from this one. Split by concern: machines, transitions, configurations and templates.
/// </summary>
public abstract partial class MachineStoreContract
{
    protected const string Alice = "alice";
    protected const string Bob = "bob";

    /// <summary>An image id: the store does not look images up (they live in the catalog), so any number will do.</summary>
    protected const long ImageId = 7;

    protected static MachineHardware Small { get; } = new(2, 2048, 10L * 1024 * 1024 * 1024);

    protected static MachineHardware Large { get; } = new(8, 16384, 100L * 1024 * 1024 * 1024);

    protected ManualTimeProvider Time { get; } = new();

    protected abstract IMachineStore CreateStore(TimeProvider time);

    private IMachineStore NewStore() => CreateStore(Time);

    /// <summary>A stamp as made now, or as changed now from <paramref name="previous"/>.</summary>
    private Stamp StampNow(Stamp? previous = null) =>
        previous is null
            ? new Stamp(Time.GetUtcNow(), Time.GetUtcNow(), 1)
            : previous with { LastModified = Time.GetUtcNow(), Revision = previous.Revision + 1 };

    protected static ImageLabel Label(string? name, string? description = null, params (string Key, string Value)[] properties) =>
        new(name, description, properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));

    protected static NewMachine NewMachine(string owner, string? name = "web-1", long imageId = ImageId) =>
        new(owner, Label(name, "a web server", ("tier", "front"), ("été", "ünïcode")), imageId, Small);

    protected static NewMachineConfig NewConfig(string? owner, string name = "small") =>
        new(owner, Label(name, "two CPUs", ("family", "general")), Small);

    /// <summary>A process record; even pids carry an SSH port, odd ones none, so both round-trip.</summary>
    protected static MachineProcess Process(int pid = 4242) => new("node-1", pid, 1_234_567 + pid) { SshPort = pid % 2 == 0 ? 20_000 + (pid % 1000) : null };

    /// <summary>
    /// Runs <paramref name="count"/> attempts at once, each on a thread of its own released by one gate: on a pool
    /// thread they would mostly run one after another (the pool starts a few threads per core), hiding a race.
    /// </summary>
    protected static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> attempt)
    {
        using var gate = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(() =>
        {
            gate.Wait();
            return attempt(i);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToList();
        gate.Set();
        return await Task.WhenAll(attempts);
    }

    protected static void AssertSameLabel(ImageLabel expected, ImageLabel actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Properties.OrderBy(p => p.Key, StringComparer.Ordinal), actual.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    protected static void AssertSameMachine(Machine expected, Machine? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Owner, actual.Owner);
        AssertSameLabel(expected.Label, actual.Label);
        Assert.Equal(expected.ImageId, actual.ImageId);
        Assert.Equal(expected.Hardware, actual.Hardware);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.StateMessage, actual.StateMessage);
        Assert.Equal(expected.Process, actual.Process);
        Assert.Equal(expected.Stamp, actual.Stamp);
    }

    protected static void AssertSameConfig(MachineConfig expected, MachineConfig? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Owner, actual.Owner);
        AssertSameLabel(expected.Label, actual.Label);
        Assert.Equal(expected.Hardware, actual.Hardware);
        Assert.Equal(expected.Stamp, actual.Stamp);
    }

    protected static void AssertSameTemplate(MachineTemplate expected, MachineTemplate? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Owner, actual.Owner);
        AssertSameLabel(expected.Label, actual.Label);
        Assert.Equal(expected.ConfigId, actual.ConfigId);
        Assert.Equal(expected.ImageId, actual.ImageId);
        Assert.Equal(expected.Stamp, actual.Stamp);
    }
}
