using System.Diagnostics;

namespace Kiln.Testing;

/// <summary>Boots an image under qemu-system-x86_64 with TCG (no KVM here) and watches its serial console.</summary>
public static class QemuBoot
{
    public const string OvmfCode = "/usr/share/OVMF/OVMF_CODE_4M.fd";
    public const string OvmfVars = "/usr/share/OVMF/OVMF_VARS_4M.fd";

    /// <summary>Returns the serial log once every marker has appeared, or when the time is up.</summary>
    public static async Task<(bool Seen, string Log, TimeSpan Elapsed)> BootAsync(string image, string qemuFormat, bool uefi,
        IReadOnlyList<string> markers, TimeSpan timeout)
    {
        var dir = Directory.CreateTempSubdirectory("kiln-boot-").FullName;
        var log = Path.Combine(dir, "serial.log");
        var arguments = new List<string>
        {
            "-accel", "tcg", "-m", "1024", "-smp", "1", "-nographic", "-no-reboot", "-monitor", "none", "-display", "none",
            "-serial", "file:" + log, "-snapshot",
            "-drive", $"file={image},format={qemuFormat},if=virtio",
            "-nic", "user,model=virtio-net-pci",
        };
        if (uefi)
        {
            var vars = Path.Combine(dir, "OVMF_VARS.fd");
            File.Copy(OvmfVars, vars);
            arguments.InsertRange(0, ["-drive", $"if=pflash,format=raw,unit=0,readonly=on,file={OvmfCode}", "-drive", $"if=pflash,format=raw,unit=1,file={vars}"]);
        }
        var start = new ProcessStartInfo("qemu-system-x86_64") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        arguments.ForEach(start.ArgumentList.Add);
        var watch = Stopwatch.StartNew();
        using var qemu = Process.Start(start)!;
        try
        {
            while (watch.Elapsed < timeout && !qemu.HasExited)
            {
                if (File.Exists(log) && ReadShared(log) is var text && markers.All(m => text.Contains(m, StringComparison.Ordinal)))
                    return (true, ReadShared(log), watch.Elapsed);
                await Task.Delay(1000);
            }
            return (false, File.Exists(log) ? ReadShared(log) : "(no serial output)", watch.Elapsed);
        }
        finally
        {
            if (!qemu.HasExited)
                qemu.Kill(entireProcessTree: true);
            await qemu.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }
}
