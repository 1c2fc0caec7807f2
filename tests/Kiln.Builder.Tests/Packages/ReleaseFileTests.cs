using Kiln.Builder.Packages;

namespace Kiln.Builder.Tests;

public sealed class ReleaseFileTests
{
    /// <summary>The shape of bookworm's Release: fields, an MD5Sum section, then the SHA256 section (sizes right-aligned).</summary>
    private const string Release = """
        Origin: Debian
        Label: Debian
        Suite: oldstable
        Version: 12.11
        Codename: bookworm
        Date: Sat, 17 May 2025 09:35:25 UTC
        Acquire-By-Hash: yes
        No-Support-for-Architecture-all: Packages
        Architectures: all amd64 arm64 armel armhf i386 mips64el mipsel ppc64el s390x
        Components: main contrib non-free-firmware non-free
        Description: Debian 12.11 Released 17 May 2025
        MD5Sum:
         0ed6d4c8891eb86358b94bb35d9e4da4  1484322 contrib/Contents-all
         d0a0325a97c42fd5f66a8c3e29bcea64    98581 contrib/Contents-all.gz
         a8ed68071e02b40b231febcafb3f55aa 12084798 main/binary-amd64/Packages.gz
         1f2e3d4c5b6a79880f1e2d3c4b5a6978     1024 main/binary-arm64/Release
        SHA256:
         d6c9c82f4e61b4662f9ba16b9ebb379c57b4943f8b7813091d1f637325ddfb79  1484322 contrib/Contents-all
         c22d03bdd4c7619e1e39e73b4a7b9dfdf1cc1141ed9b10913fbcac58b3a943d0    98581 contrib/Contents-all.gz
         6777ea16514725f9427f48c240d92e0a6b8496138e37a1491d8597e66774e309 12084798 main/binary-amd64/Packages.gz
         0C1BF9D4C5E57E4F3D1E2B3A4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F    12345 main/binary-arm64/Packages.gz

        """;

    [Fact]
    public void Find_returns_the_sha256_and_size_not_the_md5()
    {
        var release = ReleaseFile.Parse(Release);

        Assert.Equal(("6777ea16514725f9427f48c240d92e0a6b8496138e37a1491d8597e66774e309", 12084798L),
            release.Find("main/binary-amd64/Packages.gz"));
        Assert.Equal(("c22d03bdd4c7619e1e39e73b4a7b9dfdf1cc1141ed9b10913fbcac58b3a943d0", 98581L), release.Find("contrib/Contents-all.gz"));
    }

    [Fact]
    public void A_file_listed_only_under_md5sum_is_not_found()
    {
        Assert.Null(ReleaseFile.Parse(Release).Find("main/binary-arm64/Release"));
    }

    [Fact]
    public void A_file_not_listed_is_not_found()
    {
        var release = ReleaseFile.Parse(Release);

        Assert.Null(release.Find("main/binary-riscv64/Packages.gz"));
        Assert.Null(release.Find("Packages.gz"));
        Assert.Null(release.Find(""));
    }

    [Fact]
    public void Hashes_are_lower_cased()
    {
        Assert.Equal(("0c1bf9d4c5e57e4f3d1e2b3a4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f", 12345L),
            ReleaseFile.Parse(Release).Find("main/binary-arm64/Packages.gz"));
    }

    [Fact]
    public void A_field_after_the_sha256_section_ends_it()
    {
        var release = ReleaseFile.Parse("""
            SHA256:
             aaaa 10 main/binary-amd64/Packages.gz
            SHA512:
             bbbb 20 main/binary-amd64/Packages.xz
            """);

        Assert.Equal(("aaaa", 10L), release.Find("main/binary-amd64/Packages.gz"));
        Assert.Null(release.Find("main/binary-amd64/Packages.xz"));
    }

    [Fact]
    public void Malformed_sha256_lines_are_ignored()
    {
        var release = ReleaseFile.Parse("""
            SHA256:
             aaaa -10 negative
             bbbb ten not-a-number
             cccc 10
             dddd 10 two words
             eeee 30 good
            """);

        Assert.Equal(("eeee", 30L), release.Find("good"));
        Assert.Null(release.Find("negative"));
        Assert.Null(release.Find("not-a-number"));
        Assert.Null(release.Find("two"));
    }

    [Fact]
    public void The_text_gpgv_writes_out_of_a_clear_signed_in_release_parses()
    {
        // What InRelease holds around the signed text must not add entries.
        var release = ReleaseFile.Parse("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + Release
            + "-----BEGIN PGP SIGNATURE-----\n\n iQIzBAEBCAAdFiEE 123 x\n=abcd\n-----END PGP SIGNATURE-----\n");

        Assert.Equal(12084798L, release.Find("main/binary-amd64/Packages.gz")?.Size);
        Assert.Null(release.Find("x"));
    }

    [Fact]
    public void An_empty_release_lists_nothing()
    {
        Assert.Null(ReleaseFile.Parse("").Find("main/binary-amd64/Packages.gz"));
    }
}
