using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Kiln.Builder.Processes;
using Kiln.Builder.Tools;

namespace Kiln.Server.Images;

/// <summary>What an accepted imported file is: Kiln's format name, the file extension it is stored with, the disk size the guest sees.</summary>
internal sealed record InspectedImage(string Format, string Extension, long VirtualSize);

/// <summary>
/// Decides whether a downloaded file is an image Kiln keeps: one self-contained disk image of an allowed format
/// (qcow2, vmdk, vdi, vhd, vhdx, or a raw disk with a partition table), not corrupt, not larger than allowed.
/// <para>
/// Three looks, cheapest and safest first. The header, read here: a file that would make qemu-img open other files
/// (a VMDK descriptor and its extents, a qcow2 external data file) is refused before qemu-img sees it, since those
/// names come from whoever made the file. <c>qemu-img info</c>, under resource limits (a crafted header must not make
/// it allocate or spin without bound): the probed format, backing file, data file, extents, encryption, virtual size.
/// <c>qemu-img check</c> for the formats that have metadata to check. Every refusal is an
/// <see cref="ImportFailedException"/> saying what the file is and why it is not kept.
/// </para>
/// </summary>
internal static class ImportedImageInspector
{
    public const string Step = "inspecting";

    private const long InfoAddressSpace = 1L << 30;
    private const int InfoCpuSeconds = 30;
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromMinutes(2);
    private const long CheckAddressSpace = 2L << 30;
    private const int CheckCpuSeconds = 600;
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromMinutes(30);

    private const string Allowed = "Kiln imports qcow2, vmdk, vdi, vhd, vhdx and raw disk images";

    /// <summary>qemu-img's format name to Kiln's format name and the stored file's extension.</summary>
    private static readonly Dictionary<string, (string Format, string Extension)> Formats = new(StringComparer.Ordinal)
    {
        ["qcow2"] = ("qcow2", "qcow2"),
        ["vmdk"] = ("vmdk", "vmdk"),
        ["vdi"] = ("vdi", "vdi"),
        ["vpc"] = ("vhd", "vhd"),
        ["vhdx"] = ("vhdx", "vhdx"),
        ["raw"] = ("raw", "img"),
    };

    /// <summary>The formats whose metadata qemu-img check verifies (vpc has none it checks; raw has none at all).</summary>
    private static readonly HashSet<string> Checked = new(StringComparer.Ordinal) { "qcow2", "vdi", "vhdx", "vmdk" };

    /// <summary>Inspects the file at <paramref name="path"/>, named <paramref name="shownAs"/> (its URL) in messages.</summary>
    public static async Task<InspectedImage> InspectAsync(IProcessRunner runner, string path, string shownAs, long maxVirtualBytes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var (header, size) = ReadHeader(path);
        if (RefuseFromHeader(header) is { } refusal)
            throw new ImportFailedException(Step, $"{shownAs} {refusal}");

        // Exit code 1: qemu-img could not open the file as any image; its message says why.
        var info = await RunAsync(runner, Prlimit.Limit(QemuImg.Info(path) with { AcceptedExitCodes = [0, 1] }, InfoAddressSpace, InfoCpuSeconds),
            InfoTimeout, path, shownAs, "qemu-img info", cancellationToken).ConfigureAwait(false);
        if (info.ExitCode != 0)
            throw new ImportFailedException(Step, $"{shownAs} is not a disk image qemu-img can read: {FirstLine(Hide(info.StandardErrorTail, path))}",
                Hide(info.StandardErrorTail, path));
        var description = Describe(info.StandardOutput, path, shownAs);

        if (!Formats.TryGetValue(description.QemuFormat, out var kiln))
            throw new ImportFailedException(Step, $"{shownAs} is a {description.QemuFormat} image: {Allowed}.");
        if (RefuseFromDescription(description, path) is { } refused)
            throw new ImportFailedException(Step, $"{shownAs} {refused}", Hide(info.StandardOutput, path));
        if (description.QemuFormat == "raw" && !LooksLikeDisk(header, size))
            throw new ImportFailedException(Step,
                $"{shownAs} is not a disk image Kiln recognizes: it is in none of the image formats and, as a raw disk, has no partition table " +
                $"(an MBR boot signature or a GPT header) or is not a whole number of 512-byte sectors. {Allowed}.");
        if (description.VirtualSize <= 0 || description.VirtualSize > maxVirtualBytes)
            throw new ImportFailedException(Step, description.VirtualSize <= 0
                ? $"{shownAs} describes an empty disk."
                : $"{shownAs} describes a disk of {ImageDownload.Size(description.VirtualSize)}, more than the {ImageDownload.Size(maxVirtualBytes)} an imported image may have (Kiln:MaxImportVirtualBytes).");

        if (Checked.Contains(description.QemuFormat))
            await CheckAsync(runner, path, shownAs, description.QemuFormat, kiln.Format, cancellationToken).ConfigureAwait(false);
        return new InspectedImage(kiln.Format, kiln.Extension, description.VirtualSize);
    }

    private static async Task CheckAsync(IProcessRunner runner, string path, string shownAs, string qemuFormat, string format, CancellationToken cancellationToken)
    {
        var check = await RunAsync(runner, Prlimit.Limit(QemuImg.Examine(path, qemuFormat), CheckAddressSpace, CheckCpuSeconds), CheckTimeout, path,
            shownAs, "qemu-img check", cancellationToken).ConfigureAwait(false);
        var output = Hide((check.StandardOutput + check.StandardErrorTail).Trim(), path);
        switch (check.ExitCode)
        {
            case 0 or 3 or QemuImg.CheckNotSupported:
                // 3: clusters allocated but unused (a VM that was not shut down cleanly): wasted space, not damage.
                return;
            case 2:
                throw new ImportFailedException(Step, $"{shownAs} is a corrupt {format} image: {Summary(output)}", output);
            default:
                throw new ImportFailedException(Step, $"{shownAs} could not be checked as a {format} image (qemu-img check exited with code {check.ExitCode}): {FirstLine(output)}", output);
        }
    }

    /// <summary>Runs a qemu-img under its limits and timeout; a tool killed or not starting is a refusal with its words.</summary>
    private static async Task<ToolResult> RunAsync(IProcessRunner runner, ToolInvocation invocation, TimeSpan timeout, string path, string shownAs,
        string what, CancellationToken cancellationToken)
    {
        using var limited = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limited.CancelAfter(timeout);
        try
        {
            return await runner.RunAsync(invocation, limited.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportFailedException(Step, string.Create(CultureInfo.InvariantCulture,
                $"{what} did not finish with {shownAs} within {timeout.TotalSeconds:0} s: the file was given up."));
        }
        catch (ToolFailedException e)
        {
            // An exit code qemu-img does not document: killed by a signal (128 + signal), as when a limit (memory, CPU
            // time) was reached, or aborted.
            var detail = Hide(e.StandardErrorTail, path);
            throw new ImportFailedException(Step, e.ExitCode < 0
                ? $"{what} could not be run: {e.Message}"
                : string.Create(CultureInfo.InvariantCulture,
                    $"{what} stopped with code {e.ExitCode} reading {shownAs} (it was killed, or it reached the memory or CPU time it may use): {FirstLine(detail)}"),
                detail, e);
        }
    }

    private sealed record Description(string QemuFormat, long VirtualSize, JsonElement Root);

    private static Description Describe(string json, string path, string shownAs)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement.Clone();
            var format = root.GetProperty("format").GetString() ?? throw new JsonException("no format");
            var virtualSize = root.GetProperty("virtual-size").GetInt64();
            return new Description(format, virtualSize, root);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ImportFailedException(Step, $"qemu-img's description of {shownAs} could not be read: {e.Message}", Hide(json, path), e);
        }
    }

    /// <summary>Why the description is refused (a sentence that follows the URL), or null.</summary>
    private static string? RefuseFromDescription(Description description, string path)
    {
        var root = description.Root;
        var format = Formats[description.QemuFormat].Format;
        if (Text(root, "backing-filename") is { } backing)
            return $"is a {format} image with a backing file ({backing}): Kiln imports only self-contained images (qemu-img convert makes one).";
        if (root.TryGetProperty("encrypted", out var encrypted) && encrypted.ValueKind == JsonValueKind.True)
            return $"is an encrypted {format} image: Kiln cannot read or publish it without its key.";
        var data = root.TryGetProperty("format-specific", out var specific) && specific.TryGetProperty("data", out var d) ? d : default;
        if (data.ValueKind != JsonValueKind.Object)
            return null;
        if (Text(data, "data-file") is { } dataFile)
            return $"is a {format} image whose data is in another file ({dataFile}): Kiln imports only self-contained images.";
        if (data.TryGetProperty("corrupt", out var corrupt) && corrupt.ValueKind == JsonValueKind.True)
            return $"is a {format} image marked corrupt by the program that last wrote it.";
        if (description.QemuFormat == "vmdk")
        {
            var extents = data.TryGetProperty("extents", out var e) && e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [];
            var elsewhere = extents.Select(x => Text(x, "filename")).Where(f => f != path).ToList();
            if (extents.Count != 1 || elsewhere.Count > 0)
                return $"is a VMDK whose disk is not all inside the file ({extents.Count} extent(s){(elsewhere.Count > 0 ? ": " + string.Join(", ", elsewhere.Select(f => Hide(f ?? "?", path))) : "")}): " +
                    "Kiln imports monolithic VMDKs (monolithicSparse or streamOptimized).";
        }
        return null;
    }

    /// <summary>
    /// Why the file's first bytes make it unfit to be shown to qemu-img (a sentence that follows the URL), or null.
    /// These are the formats whose opening makes qemu-img open files named inside the file.
    /// </summary>
    internal static string? RefuseFromHeader(ReadOnlySpan<byte> header)
    {
        // qcow2 (QFI\xfb), version 3 on: incompatible feature bit 2 is "external data file".
        if (header is [(byte)'Q', (byte)'F', (byte)'I', 0xfb, ..] && header.Length >= 80
            && BinaryPrimitives.ReadUInt32BigEndian(header[4..]) >= 3
            && (BinaryPrimitives.ReadUInt64BigEndian(header[72..]) & 4) != 0)
            return "is a qcow2 image whose data is in another file (an external data file): Kiln imports only self-contained images.";
        // Sparse VMDK (KDMV) whose capacity is 0: qemu reads its embedded descriptor and opens the extents it names.
        if (header is [(byte)'K', (byte)'D', (byte)'M', (byte)'V', ..] && header.Length >= 20 && BinaryPrimitives.ReadUInt64LittleEndian(header[12..]) == 0)
            return "is a VMDK whose disk is described in other files (extents): Kiln imports monolithic VMDKs (monolithicSparse or streamOptimized).";
        if (IsVmdkDescriptor(header))
            return "is a VMDK descriptor: its disk is in other files (extents), which Kiln does not import. Upload a monolithic VMDK (monolithicSparse or streamOptimized).";
        return null;
    }

    /// <summary>
    /// As qemu's vmdk_probe, a little wider: within the 2048 bytes qemu probes, after comment lines and white space, the
    /// text starts with "version=".
    /// </summary>
    private static bool IsVmdkDescriptor(ReadOnlySpan<byte> header)
    {
        var text = header[..Math.Min(header.Length, 2048)];
        while (text.Length > 0)
        {
            if (text[0] == (byte)'#')
            {
                var end = text.IndexOf((byte)'\n');
                if (end < 0)
                    return false;
                text = text[(end + 1)..];
            }
            else if (text[0] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                text = text[1..];
            }
            else
            {
                return text.StartsWith("version="u8);
            }
        }
        return false;
    }

    /// <summary>A raw file Kiln keeps is a whole number of sectors with a partition table: an MBR boot signature or a GPT header.</summary>
    internal static bool LooksLikeDisk(ReadOnlySpan<byte> header, long size) =>
        size > 0 && size % 512 == 0 && header.Length >= 520
        && ((header[510] == 0x55 && header[511] == 0xAA) || header[512..520].SequenceEqual("EFI PART"u8));

    private static (byte[] Header, long Size) ReadHeader(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        var header = new byte[4096];
        var read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        return (header[..read], file.Length);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Tool output with the server's scratch path replaced by the file's own name: statuses do not show the data directory.</summary>
    private static string Hide(string text, string path)
    {
        var directory = Path.GetDirectoryName(path);
        return directory is null ? text : text.Replace(directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
        return line.StartsWith("qemu-img: ", StringComparison.Ordinal) ? line["qemu-img: ".Length..] : line;
    }

    /// <summary>qemu-img check's own summary ("3 errors were found on the image."), else its first line.</summary>
    private static string Summary(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.Contains("were found", StringComparison.Ordinal) || l.Contains("was found", StringComparison.Ordinal))
            ?? FirstLine(output);
    }
}
