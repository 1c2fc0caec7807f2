using System.Text;
using System.Diagnostics;

namespace Kiln.Server.Tests.Support;

/// <summary>Test disk images, made with the real qemu-img (and by hand where a header must say something qemu-img would not write).</summary>
public static class DiskImages
{
    public const int MiB = 1024 * 1024;

    /// <summary>A raw disk of <paramref name="size"/> bytes with an MBR boot signature and a known pattern after the first sector.</summary>
    public static byte[] MbrDisk(int size = MiB)
    {
        var disk = Pattern(size);
        Array.Clear(disk, 0, 512);
        disk[510] = 0x55;
        disk[511] = 0xAA;
        return disk;
    }

    /// <summary>A raw disk whose second sector is a GPT header ("EFI PART"), without the protective MBR's signature.</summary>
    public static byte[] GptDisk(int size = MiB)
    {
        var disk = Pattern(size);
        Array.Clear(disk, 0, 1024);
        "EFI PART"u8.CopyTo(disk.AsSpan(512));
        return disk;
    }

    /// <summary>A raw file without partition table: text, a whole number of sectors.</summary>
    public static byte[] NotADisk(int size = MiB)
    {
        var text = Encoding.ASCII.GetBytes("Just some text, not a disk.\n");
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
            bytes[i] = text[i % text.Length];
        return bytes;
    }

    /// <summary>A VMDK descriptor, as a user could write it, whose one extent is a file of the host.</summary>
    public static byte[] DescriptorNaming(string extent) => Encoding.ASCII.GetBytes(
        $"# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n" +
        $"# Extent description\nRW 2048 FLAT \"{extent}\" 0\n\nddb.virtualHWVersion = \"4\"\nddb.geometry.cylinders = \"2\"\n" +
        "ddb.geometry.heads = \"16\"\nddb.geometry.sectors = \"63\"\nddb.adapterType = \"ide\"\n");

    /// <summary>Runs qemu-img in <paramref name="directory"/> (so relative names, backing files included, stay relative); throws on failure.</summary>
    public static async Task QemuImgAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("qemu-img") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"qemu-img {string.Join(' ', arguments)}: {await output}{await error}");
    }

    private static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
            bytes[i] = (byte)(i * 7 % 251);
        return bytes;
    }
}
