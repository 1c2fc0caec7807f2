using System.Formats.Tar;
using System.Text.Json;
using Kiln.Builder.Processes;

namespace Kiln.Machines.Tests;

public sealed class MachineDiskTests : IDisposable
{
    private const long MiB = 1L << 20;
    private readonly TempDirectory _temp = new();
    private readonly MachineDisk _disk = new(new ProcessRunner());

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_qcow2_image_becomes_a_base_and_a_copy_on_write_disk_named_relative_to_it()
    {
        var image = await ImageAsync("qcow2", 32 * MiB);
        var files = new MachineFiles(_temp.Combine("machines"), 1);

        await using (var stream = File.OpenRead(image))
            Assert.Equal(32 * MiB, await _disk.PrepareAsync(files, stream, "qcow2", 0, uefi: false, default));

        using var info = await InfoAsync(files.Disk);
        Assert.Equal("qcow2", info.RootElement.GetProperty("format").GetString());
        Assert.Equal("base.qcow2", info.RootElement.GetProperty("backing-filename").GetString());
        Assert.Equal("qcow2", info.RootElement.GetProperty("backing-filename-format").GetString());
        Assert.False(File.Exists(files.UefiVariables));
    }

    [Fact]
    public async Task A_larger_configured_disk_grows_the_guest_disk_and_a_smaller_one_never_shrinks_it()
    {
        var image = await ImageAsync("raw", 32 * MiB);
        var larger = new MachineFiles(_temp.Combine("machines"), 1);
        var smaller = new MachineFiles(_temp.Combine("machines"), 2);

        await using (var stream = File.OpenRead(image))
            Assert.Equal(100 * MiB, await _disk.PrepareAsync(larger, stream, "raw", 100 * MiB, uefi: false, default));
        await using (var stream = File.OpenRead(image))
            Assert.Equal(32 * MiB, await _disk.PrepareAsync(smaller, stream, "raw", 8 * MiB, uefi: false, default));

        using var info = await InfoAsync(larger.Disk);
        Assert.Equal(100 * MiB, info.RootElement.GetProperty("virtual-size").GetInt64());
    }

    [Fact]
    public async Task The_disk_of_an_OVA_is_its_VMDK()
    {
        var vmdk = await ImageAsync("vmdk", 16 * MiB, "subformat=streamOptimized");
        var ova = _temp.Combine("appliance.ova");
        await using (var output = File.Create(ova))
        await using (var tar = new TarWriter(output, TarEntryFormat.Ustar))
        {
            var ovf = _temp.WriteFile("appliance.ovf", "<Envelope/>");
            await tar.WriteEntryAsync(ovf, "appliance.ovf");
            await tar.WriteEntryAsync(vmdk, "appliance-disk1.vmdk");
        }
        var files = new MachineFiles(_temp.Combine("machines"), 1);

        await using (var stream = File.OpenRead(ova))
            Assert.Equal(16 * MiB, await _disk.PrepareAsync(files, stream, "ova", 0, uefi: false, default));

        Assert.Equal(await File.ReadAllBytesAsync(vmdk), await File.ReadAllBytesAsync(files.BaseDisk("vmdk")));
    }

    [Fact]
    public async Task An_OVA_without_a_VMDK_is_refused_with_the_reason()
    {
        var ova = _temp.Combine("empty.ova");
        await using (var output = File.Create(ova))
        await using (var tar = new TarWriter(output, TarEntryFormat.Ustar))
            await tar.WriteEntryAsync(_temp.WriteFile("only.ovf", "<Envelope/>"), "only.ovf");

        await using var stream = File.OpenRead(ova);
        var error = await Assert.ThrowsAsync<MachineException>(() =>
            _disk.PrepareAsync(new MachineFiles(_temp.Combine("machines"), 1), stream, "ova", 0, uefi: false, default));

        Assert.Contains("no VMDK", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_format_a_machine_cannot_start_from_is_refused_before_anything_is_written()
    {
        var files = new MachineFiles(_temp.Combine("machines"), 1);

        var error = await Assert.ThrowsAsync<MachineException>(() =>
            _disk.PrepareAsync(files, new MemoryStream([1, 2, 3]), "iso", 0, uefi: false, default));

        Assert.Contains("iso", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(files.Directory));
    }

    [Fact]
    public async Task A_UEFI_machine_gets_its_own_copy_of_the_firmware_variables()
    {
        var image = await ImageAsync("raw", 8 * MiB);
        var files = new MachineFiles(_temp.Combine("machines"), 1);

        await using (var stream = File.OpenRead(image))
            await _disk.PrepareAsync(files, stream, "raw", 0, uefi: true, default);

        Assert.Equal(await File.ReadAllBytesAsync(QemuCommand.OvmfVariables), await File.ReadAllBytesAsync(files.UefiVariables));
    }

    [Fact]
    public async Task Capture_holds_the_image_and_every_write_of_the_guest_in_one_standalone_qcow2()
    {
        var image = await ImageAsync("raw", 16 * MiB);
        var write = await BlankMachines.RunAsync("qemu-io", "-f", "raw", "-c", "write -P 0x11 0 1M", image);
        Assert.True(write.ExitCode == 0, write.StandardErrorTail);
        var files = new MachineFiles(_temp.Combine("machines"), 1);
        await using (var stream = File.OpenRead(image))
            await _disk.PrepareAsync(files, stream, "raw", 0, uefi: false, default);
        // What the guest writes goes into the copy-on-write disk, never into the base.
        write = await BlankMachines.RunAsync("qemu-io", "-f", "qcow2", "-c", "write -P 0x22 4M 1M", files.Disk);
        Assert.True(write.ExitCode == 0, write.StandardErrorTail);
        var captured = _temp.Combine("captured.qcow2");

        await _disk.CaptureAsync(files, captured, default);

        using var info = await InfoAsync(captured);
        Assert.False(info.RootElement.TryGetProperty("backing-filename", out _));
        Assert.Equal(0, (await BlankMachines.RunAsync("qemu-io", "-f", "qcow2", "-c", "read -P 0x11 0 1M", captured)).ExitCode);
        Assert.Equal(0, (await BlankMachines.RunAsync("qemu-io", "-f", "qcow2", "-c", "read -P 0x22 4M 1M", captured)).ExitCode);
        Assert.Equal(0, (await BlankMachines.RunAsync("qemu-io", "-f", "raw", "-c", "read -P 0 4M 1M", files.BaseDisk("raw"))).ExitCode);
    }

    [Fact]
    public async Task Capture_of_a_running_machine_fails_on_QEMUs_lock_and_writes_nothing()
    {
        var files = await BlankMachines.PrepareAsync(_temp, 9);
        using var qemu = await BlankMachines.StartAsync(files, 9);
        var captured = _temp.Combine("captured.qcow2");
        try
        {
            var error = await Assert.ThrowsAsync<ToolFailedException>(() => _disk.CaptureAsync(files, captured, default));
            Assert.Contains("lock", error.Message + error.ToString(), StringComparison.OrdinalIgnoreCase);
            Assert.False(File.Exists(captured));
        }
        finally
        {
            qemu.Kill();
            await BlankMachines.Within(qemu.Exited);
        }
    }

    private async Task<string> ImageAsync(string format, long size, string? options = null)
    {
        var path = _temp.Combine($"image-{Guid.NewGuid():N}.{format}");
        var arguments = new List<string> { "qemu-img", "create", "-q", "-f", format };
        if (options is not null)
            arguments.AddRange(["-o", options]);
        arguments.AddRange([path, size.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.Equal(0, (await BlankMachines.RunAsync([.. arguments])).ExitCode);
        return path;
    }

    private static async Task<JsonDocument> InfoAsync(string path) =>
        JsonDocument.Parse((await BlankMachines.RunAsync("qemu-img", "info", "--output=json", path)).StandardOutput);
}
