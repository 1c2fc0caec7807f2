using Kiln.Catalog;

namespace Kiln.Server.Machines;

/// <summary>The shared machine configurations every user can pick from, made once when there are none.</summary>
internal static class MachineConfigDefaults
{
    private const long GiB = 1L << 30;

    public static readonly IReadOnlyList<NewMachineConfig> All =
    [
        new(null, new ImageLabel("small", "1 CPU, 1 GiB of memory, a 10 GiB disk", new Dictionary<string, string>()), new MachineHardware(1, 1024, 10 * GiB)),
        new(null, new ImageLabel("medium", "2 CPUs, 2 GiB of memory, a 20 GiB disk", new Dictionary<string, string>()), new MachineHardware(2, 2048, 20 * GiB)),
        new(null, new ImageLabel("large", "4 CPUs, 8 GiB of memory, a 40 GiB disk", new Dictionary<string, string>()), new MachineHardware(4, 8192, 40 * GiB)),
    ];

    public static async Task EnsureAsync(IMachineStore machines, CancellationToken cancellationToken)
    {
        if ((await machines.ListSharedConfigsAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            return;
        foreach (var config in All)
            await machines.CreateConfigAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
