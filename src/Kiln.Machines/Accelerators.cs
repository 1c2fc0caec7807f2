using System.Diagnostics;

namespace Kiln.Machines;

/// <summary>
/// Which of QEMU's accelerators to use: KVM where it really runs a guest CPU here, TCG (emulation) otherwise. A
/// /dev/kvm that opens is not enough: nested or restricted hosts offer one on which QEMU aborts as soon as it sets
/// up the CPU, so "auto" runs QEMU with KVM and the machines' CPU model for a moment first.
/// </summary>
public static class Accelerators
{
    public const string Kvm = "kvm";
    public const string Tcg = "tcg";

    /// <summary>How long the probe's QEMU must live to count as working (it fails within milliseconds when it fails).</summary>
    private static readonly TimeSpan ProbeTime = TimeSpan.FromSeconds(2);

    /// <summary><paramref name="configured"/> is "auto", "kvm" or "tcg".</summary>
    public static string Choose(string configured) => configured switch
    {
        "kvm" => Kvm,
        "tcg" => Tcg,
        "auto" => KvmOpens() && KvmRuns() ? Kvm : Tcg,
        _ => throw new ArgumentException($"unknown machine accelerator '{configured}': use auto, kvm or tcg", nameof(configured)),
    };

    private static bool KvmOpens()
    {
        try
        {
            using var device = new FileStream("/dev/kvm", FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Absent in containers and on hosts without virtualisation; present but not ours without the kvm group.
            return false;
        }
    }

    /// <summary>QEMU with KVM and the host's CPU model, no disk: alive after <see cref="ProbeTime"/> means KVM runs guests here.</summary>
    private static bool KvmRuns()
    {
        var start = new ProcessStartInfo(QemuCommand.Program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["-accel", Kvm, "-cpu", "host", "-nodefaults", "-no-user-config", "-display", "none", "-m", "32"])
            start.ArgumentList.Add(argument);
        try
        {
            using var probe = Process.Start(start);
            if (probe is null)
                return false;
            if (probe.WaitForExit(ProbeTime))
                return false;
            probe.Kill();
            probe.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
