using System.Formats.Tar;

namespace Kiln.Builder.Tests.Integration;

/// <summary>Takes the disk out of an OVA, as VirtualBox or VMware would on import.</summary>
internal static class OvaFiles
{
    public static async Task<string> ExtractDiskAsync(string ova, string directory)
    {
        Directory.CreateDirectory(directory);
        await using var stream = File.OpenRead(ova);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync() is { } entry)
            if (entry.Name.EndsWith(".vmdk", StringComparison.Ordinal))
            {
                var path = Path.Combine(directory, Path.GetFileName(entry.Name));
                await entry.ExtractToFileAsync(path, overwrite: true);
                return path;
            }
        throw new InvalidOperationException($"{ova} holds no VMDK");
    }
}
