using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Kiln.Builder.Packaging;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class OvaWriterTests : IDisposable
{
    private static readonly DateTimeOffset Timestamp = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();
    private readonly byte[] _disk = RandomNumberGenerator.GetBytes(3000); // not a multiple of the 512-byte tar block

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Entries_are_the_descriptor_then_the_manifest_then_the_disk_all_ustar()
    {
        var entries = await ReadEntriesAsync(await WriteOvaAsync());

        Assert.Equal(["web-1.2.ovf", "web-1.2.mf", "web-1.2-disk1.vmdk"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal((TarEntryFormat.Ustar, TarEntryType.RegularFile), (e.Format, e.Type)));
        Assert.All(entries, e => Assert.Equal(Timestamp, e.Modified));
        Assert.Equal(_disk, entries[2].Data);
    }

    [Fact]
    public async Task Archive_headers_carry_the_posix_ustar_magic()
    {
        var bytes = await File.ReadAllBytesAsync(await WriteOvaAsync());

        Assert.Equal("ustar\0" + "00", Encoding.ASCII.GetString(bytes, 257, 8)); // magic, then version
    }

    [Fact]
    public async Task Manifest_lines_give_the_real_sha256_of_the_descriptor_and_the_disk()
    {
        var entries = await ReadEntriesAsync(await WriteOvaAsync());
        var manifest = Encoding.ASCII.GetString(entries[1].Data);

        Assert.Equal(
            $"SHA256(web-1.2.ovf)= {Sha256(entries[0].Data)}\nSHA256(web-1.2-disk1.vmdk)= {Sha256(entries[2].Data)}\n",
            manifest);
    }

    [Fact]
    public async Task Descriptor_entry_is_the_serialized_ovf_of_the_machine()
    {
        var entries = await ReadEntriesAsync(await WriteOvaAsync());

        var text = Encoding.UTF8.GetString(entries[0].Data);
        Assert.Equal(OvaWriter.Serialize(OvfDescriptor.Create(Machine())), text);
        Assert.Equal(_disk.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            XDocument.Parse(text).Descendants(OvfDescriptor.Ovf + "File").Single().Attribute(OvfDescriptor.Ovf + "size")!.Value);
    }

    [Fact]
    public async Task Real_tar_lists_the_three_files_in_order()
    {
        var listing = await new ProcessRunner().RunAsync(new ToolInvocation("tar", ["tf", await WriteOvaAsync()]), CancellationToken.None);

        Assert.Equal("web-1.2.ovf\nweb-1.2.mf\nweb-1.2-disk1.vmdk\n", listing.StandardOutput);
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten()
    {
        var ova = _temp.WriteFile("web-1.2.ova", "already here");

        await Assert.ThrowsAsync<IOException>(() => WriteOvaAsync(ova));

        Assert.Equal("already here", await File.ReadAllTextAsync(ova));
    }

    [Fact]
    public void Manifest_has_one_sha256_line_per_file()
    {
        Assert.Equal("SHA256(a.ovf)= 00ff\nSHA256(b.vmdk)= abcd\n", OvaWriter.Manifest([("a.ovf", "00ff"), ("b.vmdk", "abcd")]));
    }

    private OvfMachine Machine() => OvfDescriptorTests.Machine with { DiskFileSize = _disk.Length };

    private async Task<string> WriteOvaAsync(string? ova = null)
    {
        var disk = _temp.Combine("disk.vmdk");
        if (!File.Exists(disk))
            await File.WriteAllBytesAsync(disk, _disk);
        ova ??= _temp.Combine("web-1.2.ova");
        await OvaWriter.WriteAsync(ova, "web-1.2", Machine(), disk, Sha256(_disk), Timestamp, CancellationToken.None);
        return ova;
    }

    private static async Task<List<(string Name, TarEntryFormat Format, TarEntryType Type, DateTimeOffset Modified, byte[] Data)>> ReadEntriesAsync(string ova)
    {
        var entries = new List<(string, TarEntryFormat, TarEntryType, DateTimeOffset, byte[])>();
        await using var stream = File.OpenRead(ova);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var data = new MemoryStream();
            if (entry.DataStream is { } content)
                await content.CopyToAsync(data);
            entries.Add((entry.Name, entry.Format, entry.EntryType, entry.ModificationTime, data.ToArray()));
        }
        return entries;
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
