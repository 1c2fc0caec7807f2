using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Kiln.Builder.Packaging;

/// <summary>
/// Writes an OVA: a POSIX ustar archive holding the OVF descriptor first, then the manifest of SHA256 lines, then the disk.
/// </summary>
public static class OvaWriter
{
    public static async Task WriteAsync(string ovaPath, string baseName, OvfMachine machine, string diskPath, string diskSha256,
        DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var ovfName = baseName + ".ovf";
        var mfName = baseName + ".mf";
        var ovf = Encoding.UTF8.GetBytes(Serialize(OvfDescriptor.Create(machine)));
        var manifest = Encoding.ASCII.GetBytes(Manifest([(ovfName, Convert.ToHexStringLower(SHA256.HashData(ovf))), (machine.DiskFileName, diskSha256)]));

        await using var output = new FileStream(ovaPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true);
        await using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            await WriteEntryAsync(tar, ovfName, new MemoryStream(ovf), timestamp, cancellationToken).ConfigureAwait(false);
            await WriteEntryAsync(tar, mfName, new MemoryStream(manifest), timestamp, cancellationToken).ConfigureAwait(false);
            await using var disk = new FileStream(diskPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            await WriteEntryAsync(tar, machine.DiskFileName, disk, timestamp, cancellationToken).ConfigureAwait(false);
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One line per file, in the form OVF tools verify: <c>SHA256(name)= hex</c>.</summary>
    public static string Manifest(IEnumerable<(string Name, string Sha256)> files) =>
        string.Concat(files.Select(f => $"SHA256({f.Name})= {f.Sha256}\n"));

    public static string Serialize(XDocument document)
    {
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }

    private static async Task WriteEntryAsync(TarWriter tar, string name, Stream data, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var entry = new UstarTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = data,
            ModificationTime = timestamp,
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            UserName = "kiln",
            GroupName = "kiln",
        };
        await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(System.Globalization.CultureInfo.InvariantCulture) { }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
