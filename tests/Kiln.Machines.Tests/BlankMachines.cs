using Kiln.Builder.Processes;

namespace Kiln.Machines.Tests;

/// <summary>
/// Machines with a blank disk: QEMU really runs (its firmware finds nothing to boot and waits), which is all the
/// process tests need; booting a real image is the service's end-to-end tests' work.
/// </summary>
internal static class BlankMachines
{
    public static async Task<MachineFiles> PrepareAsync(TempDirectory temp, long id, long sizeBytes = 64L << 20)
    {
        var files = new MachineFiles(temp.Combine("machines"), id);
        var raw = temp.Combine($"blank-{id}.raw");
        await using (var stream = File.Create(raw))
            stream.SetLength(sizeBytes);
        await using var image = File.OpenRead(raw);
        await new MachineDisk(new ProcessRunner()).PrepareAsync(files, image, "raw", 0, uefi: false, default);
        return files;
    }

    public static QemuLaunch Launch(MachineFiles files, long id) => new(id, files, Cpu: 1, MemoryMiB: 64, Uefi: false, Accelerators.Tcg);

    public static Task<QemuMachineProcess> StartAsync(MachineFiles files, long id) =>
        QemuMachineProcess.LaunchAsync(Launch(files, id), TimeSpan.FromSeconds(20), default);

    public static async Task<T> Within<T>(Task<T> task, int seconds = 20)
    {
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.True(finished == task, $"not done within {seconds} s");
        return await task;
    }

    public static async Task<ToolResult> RunAsync(params string[] arguments) =>
        await new ProcessRunner().RunAsync(new ToolInvocation(arguments[0], arguments[1..]) { AcceptedExitCodes = [0, 1, 2] }, default);
}
