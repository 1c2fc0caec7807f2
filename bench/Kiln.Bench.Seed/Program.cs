// Seeds a Kiln data directory for bench/http.sh, through the server's own stores (SqliteCatalogStore over
// <var>/kiln.db, FileBlobStore at <var>/blobs, as src/Kiln.Server/Hosting/KilnServices.cs wires them):
// one appliance of the admin (Debian 12 minimal), N complete images with about 150 packages each, and for the first
// image a real file of the given size (random data, not sparse) stored under images/{id}/image.qcow2.
// The admin must exist already: start kiln-server once on the data directory first (AdminBootstrap creates it).
//
// Usage: kiln-bench-seed <var directory> [--images 100] [--packages 150] [--file-mib 2048]
// Prints one JSON object on stdout: applianceId, imageIds, downloadImageId, blobKey, fileSize, apiKey, apiSecret.
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Kiln.Blobs;
using Kiln.Builder.Appliances;
using Kiln.Builder.Packages;
using Kiln.Catalog;
using Kiln.Storage.Sqlite;

const string Owner = "admin";

if (args.Length < 1 || args[0].StartsWith('-'))
{
    await Console.Error.WriteLineAsync("usage: kiln-bench-seed <var directory> [--images 100] [--packages 150] [--file-mib 2048]").ConfigureAwait(false);
    return 2;
}
var dataDirectory = Path.GetFullPath(args[0]);
var imageCount = Option("--images", 100);
var packageCount = Option("--packages", 150);
var fileMiB = Option("--file-mib", 2048);

var catalog = new SqliteCatalogStore(new SqliteDatabase(Path.Combine(dataDirectory, "kiln.db")), TimeProvider.System);
var blobs = new FileBlobStore(new FileBlobStoreOptions { RootDirectory = Path.Combine(dataDirectory, "blobs") }, TimeProvider.System);
var cancel = CancellationToken.None;

var admin = await catalog.FindUserAsync(Owner, cancel).ConfigureAwait(false);
if (admin is null)
{
    await Console.Error.WriteLineAsync($"kiln-bench-seed: no user '{Owner}' in {dataDirectory}: start kiln-server once on it first.").ConfigureAwait(false);
    return 1;
}

var definition = new ApplianceDefinition
{
    Name = "bench",
    Version = "1.0",
    Description = "HTTP benchmark appliance",
    Os = new OsProfileSpec { Distribution = "debian", Release = "12", Arch = "x86_64", Profile = "minimal", Packages = ["openssh-server", "curl"] },
    InstallProfile = new InstallProfile
    {
        DiskSize = 2048, MemorySize = 1024, Hostname = "bench", RootUser = new RootUser { Password = "$6$bench$hash" },
    },
    Boot = "bios",
};
var appliance = await catalog.CreateApplianceAsync(Owner, definition, hasOsProfile: true, cancel).ConfigureAwait(false);
var qcow2 = TargetFormatCatalog.FindByName("QCOW2")!;
var packages = Packages(packageCount);

var imageIds = new List<long>(imageCount);
string? blobKey = null;
long fileSize = 0;
for (var i = 0; i < imageCount; i++)
{
    var image = await catalog.CreateImageAsync(new NewImage(Owner, appliance.Id, qcow2.Name, qcow2.BuilderFormat, true, definition), cancel)
        .ConfigureAwait(false);
    var key = string.Create(CultureInfo.InvariantCulture, $"images/{image.Id}/image.qcow2");
    ImageArtefact artefact;
    if (i == 0)
    {
        var info = await PutRandomFileAsync(blobs, key, Path.Combine(dataDirectory, "work"), (long)fileMiB * 1024 * 1024).ConfigureAwait(false);
        artefact = new ImageArtefact(key, "bench-1.0.qcow2", info.Size, info.Sha256);
        blobKey = key;
        fileSize = info.Size;
    }
    else
    {
        // Metadata only: these images are listed, not downloaded.
        artefact = new ImageArtefact(key, "bench-1.0.qcow2", 729_088_000L + i, Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))));
    }
    await catalog.CompleteImageAsync(image.Id, artefact, packages, cancel).ConfigureAwait(false);
    imageIds.Add(image.Id);
}

Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
{
    ["applianceId"] = appliance.Id,
    ["imageIds"] = imageIds,
    ["downloadImageId"] = imageIds.Count > 0 ? imageIds[0] : null,
    ["blobKey"] = blobKey,
    ["fileSize"] = fileSize,
    ["apiKey"] = admin.ApiKey,
    ["apiSecret"] = admin.ApiSecret,
}));
return 0;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

// Writes `size` bytes by repeating one 64 MiB random block (urandom for 2 GiB is slow), hashing as it goes, then
// hands the file to the blob store (a rename: the work directory is on the store's file system).
static async Task<BlobInfo> PutRandomFileAsync(IBlobStore blobs, string key, string workDirectory, long size)
{
    Directory.CreateDirectory(workDirectory);
    var path = Path.Combine(workDirectory, "bench-image.tmp");
    var block = RandomNumberGenerator.GetBytes(64 * 1024 * 1024);
    using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.None))
    {
        for (long written = 0; written < size;)
        {
            var count = (int)Math.Min(block.Length, size - written);
            sha.AppendData(block, 0, count);
            await file.WriteAsync(block.AsMemory(0, count)).ConfigureAwait(false);
            written += count;
        }
    }
    var sha256 = Convert.ToHexStringLower(sha.GetHashAndReset());
    return await blobs.PutFileAsync(key, path, sha256, CancellationToken.None).ConfigureAwait(false);
}

// About what dpkg reports for a Debian 12 minimal system: name, version, arch, section, size, one-line summary.
static PackageInfo[] Packages(int count)
{
    string[] sections = ["admin", "libs", "utils", "net", "shells", "perl", "python", "text", "misc", "kernel"];
    return [.. Enumerable.Range(0, count).Select(n => new PackageInfo(
        string.Create(CultureInfo.InvariantCulture, $"libbench-package-{n:000}"),
        string.Create(CultureInfo.InvariantCulture, $"{1 + n % 9}.{n % 37}.{n % 5}-{1 + n % 4}+deb12u{n % 3}"),
        n % 11 == 0 ? "all" : "amd64",
        sections[n % sections.Length],
        120 + (n * 7919 % 9000),
        string.Create(CultureInfo.InvariantCulture, $"Benchmark package number {n}, standing in for a Debian library or tool"))) ];
}
