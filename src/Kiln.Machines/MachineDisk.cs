using System.Formats.Tar;
using System.Globalization;
using System.Text.Json;
using Kiln.Builder.Processes;

namespace Kiln.Machines;

/// <summary>
/// A machine's disk: the image's disk as its base (its own hard link or copy) and a copy-on-write qcow2 over it that takes every write of
/// the guest; capture flattens the two into one standalone qcow2.
/// </summary>
public sealed class MachineDisk(IProcessRunner runner)
{
    /// <summary>QEMU's names of the disk formats a machine can start from, and "ova" (its first VMDK is the disk).</summary>
    public static readonly IReadOnlySet<string> RunnableFormats = new HashSet<string>(StringComparer.Ordinal) { "qcow2", "raw", "vmdk", "vdi", "vpc", "vhdx", "ova" };

    /// <summary>
    /// Writes the image's bytes (<paramref name="image"/>, in <paramref name="format"/>) as the machine's base disk and
    /// makes the copy-on-write disk over it (<see cref="PrepareOverBaseAsync"/>). Returns the disk size the guest sees.
    /// The directory is the caller's to remove when this fails.
    /// </summary>
    public async Task<long> PrepareAsync(MachineFiles files, Stream image, string format, long minimumDiskBytes, bool uefi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(image);
        CheckFormat(format);
        Directory.CreateDirectory(files.Directory);
        files.CheckSocketPath();
        await using (var output = new FileStream(files.BaseDisk(DiskFormat(format)), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20,
            FileOptions.Asynchronous))
        {
            if (format == "ova")
                await CopyFirstVmdkAsync(image, output, cancellationToken).ConfigureAwait(false);
            else
                await image.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
        }
        return await PrepareOverBaseAsync(files, DiskFormat(format), minimumDiskBytes, uefi, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the copy-on-write disk over a base already in place (<see cref="MachineFiles.BaseDisk"/> in
    /// <paramref name="diskFormat"/>: written by <see cref="PrepareAsync"/>, or a hard link to the image's file), at least
    /// <paramref name="minimumDiskBytes"/> large (a larger disk than the image's is offered to the guest as free space
    /// at the end; it is never made smaller). Returns the disk size the guest sees.
    /// </summary>
    public async Task<long> PrepareOverBaseAsync(MachineFiles files, string diskFormat, long minimumDiskBytes, bool uefi, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        CheckFormat(diskFormat);
        files.CheckSocketPath();
        var basePath = files.BaseDisk(diskFormat);
        var virtualSize = await VirtualSizeAsync(basePath, diskFormat, cancellationToken).ConfigureAwait(false);
        var size = Math.Max(virtualSize, minimumDiskBytes);
        // The backing file is named relative to the disk: the machine's directory can move with the data directory.
        await runner.RunAsync(new ToolInvocation("qemu-img",
            ["create", "-q", "-f", "qcow2", "-F", diskFormat, "-b", Path.GetFileName(basePath), files.Disk, size.ToString(CultureInfo.InvariantCulture)]),
            cancellationToken).ConfigureAwait(false);
        if (uefi)
            File.Copy(QemuCommand.OvmfVariables, files.UefiVariables, overwrite: true);
        return size;
    }

    /// <summary>The format of the base disk file: an OVA's disk is its VMDK.</summary>
    public static string DiskFormat(string format) => format == "ova" ? "vmdk" : format;

    private static void CheckFormat(string format)
    {
        if (!RunnableFormats.Contains(format))
            throw new MachineException($"a machine cannot start from a {format} image: it needs one of {string.Join(", ", RunnableFormats.Order(StringComparer.Ordinal))}");
    }

    /// <summary>
    /// Writes the machine's disk as it is now (its base and every write of the guest) into one standalone qcow2 at
    /// <paramref name="output"/>. The machine must not run: QEMU holds a write lock on the disk and qemu-img fails.
    /// </summary>
    public Task CaptureAsync(MachineFiles files, string output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return runner.RunAsync(new ToolInvocation("qemu-img", ["convert", "-f", "qcow2", "-O", "qcow2", files.Disk, output]), cancellationToken);
    }

    private async Task<long> VirtualSizeAsync(string path, string format, CancellationToken cancellationToken)
    {
        var info = await runner.RunAsync(new ToolInvocation("qemu-img", ["info", "--output=json", "-f", format, path]), cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(info.StandardOutput);
        return json.RootElement.GetProperty("virtual-size").GetInt64();
    }

    private static async Task CopyFirstVmdkAsync(Stream ova, Stream output, CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(ova, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile
                && entry.Name.EndsWith(".vmdk", StringComparison.OrdinalIgnoreCase) && entry.DataStream is { } data)
            {
                await data.CopyToAsync(output, 1 << 20, cancellationToken).ConfigureAwait(false);
                return;
            }
        }
        throw new MachineException("the OVA holds no VMDK disk");
    }
}
