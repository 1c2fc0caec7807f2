using System.Security.Cryptography;
using System.Text;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

/// <summary>
/// Debian bookworm's real InRelease (signed by the archive keys) and main/binary-amd64/Packages.gz, downloaded once
/// per test run from deb.debian.org, so tests can serve a genuinely signed release from a <see cref="FakeMirror"/>.
/// </summary>
public sealed class DebianBookwormIndex : IAsyncLifetime
{
    public const string Codename = "bookworm";
    public const string Architecture = "amd64";
    public const string InReleasePath = "/debian/dists/bookworm/InRelease";
    public const string PackagesPath = "/debian/dists/bookworm/main/binary-amd64/Packages.gz";
    private const string Upstream = "http://deb.debian.org";

    public byte[] InRelease { get; private set; } = [];

    public byte[] PackagesGz { get; private set; } = [];

    /// <summary>InRelease with one character of its signed text changed: "Codename: bookworm" becomes "Codename: Bookworm".</summary>
    public byte[] TamperedInRelease()
    {
        var text = Encoding.UTF8.GetString(InRelease);
        var at = text.IndexOf("Codename: bookworm", StringComparison.Ordinal);
        Assert.InRange(at, 0, text.IndexOf("-----BEGIN PGP SIGNATURE-----", StringComparison.Ordinal));
        var tampered = (byte[])InRelease.Clone();
        tampered[at + "Codename: ".Length] = (byte)'B';
        return tampered;
    }

    /// <summary>Packages.gz with one byte in its middle changed: same size, another SHA-256.</summary>
    public byte[] TamperedPackagesGz()
    {
        var tampered = (byte[])PackagesGz.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        return tampered;
    }

    /// <summary>A fake mirror serving both files under /debian/.</summary>
    internal FakeMirror StartMirror(byte[]? inRelease = null, byte[]? packagesGz = null)
    {
        var mirror = new FakeMirror();
        mirror.Serve(InReleasePath, inRelease ?? InRelease);
        mirror.Serve(PackagesPath, packagesGz ?? PackagesGz);
        return mirror;
    }

    public async Task InitializeAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        // The mirror may publish between the two downloads: retry until the Packages.gz is the one InRelease lists.
        for (var attempt = 1; ; attempt++)
        {
            var inRelease = await http.GetByteArrayAsync(Upstream + InReleasePath);
            var packagesGz = await http.GetByteArrayAsync(Upstream + PackagesPath);
            string[] listed = [Convert.ToHexStringLower(SHA256.HashData(packagesGz)), $"{packagesGz.Length}", "main/binary-amd64/Packages.gz"];
            var lines = Encoding.UTF8.GetString(inRelease).Split('\n');
            if (lines.Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(listed)) || attempt == 3)
            {
                (InRelease, PackagesGz) = (inRelease, packagesGz);
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Test classes sharing the one download of <see cref="DebianBookwormIndex"/>.</summary>
[CollectionDefinition(Name)]
public sealed class DebianBookwormGroup : ICollectionFixture<DebianBookwormIndex>
{
    public const string Name = "Debian bookworm index";
}
