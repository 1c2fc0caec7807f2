namespace Kiln.Machines;

/// <summary>How a QEMU process ended. <see cref="ExitCode"/> is null when Kiln did not start it (it cannot wait for it).</summary>
public sealed record QemuExit(int? ExitCode, string Description)
{
    /// <summary>QEMU exits with 0 when the guest powers off or when asked to quit.</summary>
    public bool Clean => ExitCode == 0;

    public static QemuExit FromExitCode(int code) => new(code, code switch
    {
        0 => "QEMU exited normally",
        > 128 and < 160 => $"QEMU was killed by signal {code - 128}{SignalName(code - 128)}",
        _ => $"QEMU exited with code {code}",
    });

    private static string SignalName(int signal) => signal switch
    {
        9 => " (SIGKILL)",
        15 => " (SIGTERM)",
        6 => " (SIGABRT)",
        11 => " (SIGSEGV)",
        _ => "",
    };
}
