using Kiln.Builder.Packages;

namespace Kiln.Builder.Tests;

public sealed class ControlStanzasTests
{
    private const string TwoPackages = """
        Package: nginx
        Version: 1.22.1-9+deb12u1
        Installed-Size: 1271
        Maintainer: Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net>
        Architecture: amd64
        Depends: nginx-core (<< 1.22.1-9+deb12u1.1~) | nginx-full (<< 1.22.1-9+deb12u1.1~)
        Description: small, powerful, scalable web/proxy server
         Nginx ("engine X") is a high-performance web and reverse proxy server
         created by Igor Sysoev. It can be used both as a standalone web server
         .
         Section: this continuation line looks like a field but is not one
         Version: 0.0-fake
        Section: httpd
        Priority: optional

        Package: jq
        Version: 1.6-2.1
        Architecture: amd64
        Description: lightweight and flexible command-line JSON processor
        Section: utils

        """;

    private static List<IReadOnlyDictionary<string, string>> Read(string text, IReadOnlySet<string>? fields = null) =>
        [.. ControlStanzas.Read(new StringReader(text), fields ?? ControlStanzas.PackageFields)];

    [Fact]
    public void Stanzas_keep_only_the_fields_asked_for()
    {
        var stanzas = Read(TwoPackages);

        Assert.Equal(2, stanzas.Count);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["Package"] = "nginx", ["Version"] = "1.22.1-9+deb12u1", ["Installed-Size"] = "1271", ["Architecture"] = "amd64",
                ["Description"] = "small, powerful, scalable web/proxy server", ["Section"] = "httpd",
            },
            stanzas[0].OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary());
        Assert.False(stanzas[0].ContainsKey("Maintainer"));
        Assert.False(stanzas[0].ContainsKey("Depends"));
    }

    [Fact]
    public void Continuation_lines_of_a_multi_line_description_are_skipped_even_when_they_look_like_fields()
    {
        var nginx = Read(TwoPackages)[0];

        Assert.Equal("small, powerful, scalable web/proxy server", nginx["Description"]);
        Assert.Equal("1.22.1-9+deb12u1", nginx["Version"]);
        Assert.Equal("httpd", nginx["Section"]);
    }

    [Fact]
    public void Fields_after_a_multi_line_field_with_an_empty_first_line_are_read()
    {
        var stanzas = Read("""
            Package: openssh-server
            Status: install ok installed
            Conffiles:
             /etc/default/ssh 500e3a4f7d2b5a1f4d6a8c8e8e9d1c1a
             /etc/ssh/moduli 7b2a1c0e8f1f2b8d3d7a5e9d0f6c4b3a
            Description: secure shell (SSH) server
             OpenSSH is a FREE version of the SSH suite.
            Version: 1:9.2p1-2+deb12u3
            """);

        var stanza = Assert.Single(stanzas);
        Assert.Equal("1:9.2p1-2+deb12u3", stanza["Version"]);
        Assert.Equal("install ok installed", stanza["Status"]);
        Assert.Equal("secure shell (SSH) server", stanza["Description"]);
    }

    [Fact]
    public void The_last_stanza_is_read_without_a_trailing_blank_line()
    {
        var stanzas = Read("Package: a\nVersion: 1\n\nPackage: b\nVersion: 2");

        Assert.Equal(["a", "b"], stanzas.Select(s => s["Package"]));
        Assert.Equal("2", stanzas[1]["Version"]);
    }

    [Fact]
    public void Several_blank_lines_between_and_around_stanzas_make_no_empty_stanzas()
    {
        var stanzas = Read("\n\nPackage: a\nVersion: 1\n\n\n\nPackage: b\nVersion: 2\n\n\n");

        Assert.Equal(["a", "b"], stanzas.Select(s => s["Package"]));
        Assert.Empty(Read(""));
        Assert.Empty(Read("\n\n\n"));
    }

    [Fact]
    public void Crlf_line_endings_leave_no_carriage_return_in_values()
    {
        var stanzas = Read("Package: a\r\nVersion: 1.0\r\nDescription: first\r\n more text\r\n\r\nPackage: b\r\nVersion: 2.0\r\n");

        Assert.Equal(2, stanzas.Count);
        Assert.Equal(("a", "1.0", "first"), (stanzas[0]["Package"], stanzas[0]["Version"], stanzas[0]["Description"]));
        Assert.Equal(("b", "2.0"), (stanzas[1]["Package"], stanzas[1]["Version"]));
        Assert.DoesNotContain(stanzas.SelectMany(s => s.Keys.Concat(s.Values)), v => v.Contains('\r', StringComparison.Ordinal));
    }

    [Fact]
    public void Field_names_match_case_insensitively_and_values_are_trimmed()
    {
        var stanza = Assert.Single(Read("package:jq\nVERSION:   1.6-2.1   \n"));

        Assert.Equal("jq", stanza["Package"]);
        Assert.Equal("1.6-2.1", stanza["version"]);
    }

    [Fact]
    public void A_value_keeps_colons_after_the_first_one()
    {
        var stanza = Assert.Single(Read("Package: openssh-client\nVersion: 1:9.2p1-2+deb12u3\n"));

        Assert.Equal("1:9.2p1-2+deb12u3", stanza["Version"]);
    }

    [Fact]
    public void Lines_without_a_field_name_are_ignored()
    {
        var stanza = Assert.Single(Read("Package: a\nno colon here\n: no name\nVersion: 1\n"));

        Assert.Equal(("a", "1"), (stanza["Package"], stanza["Version"]));
        Assert.Equal(2, stanza.Count);
    }

    [Fact]
    public void A_stanza_with_none_of_the_fields_asked_for_is_not_returned()
    {
        var stanzas = Read("Origin: Debian\nLabel: Debian\n\nPackage: jq\nVersion: 1.6-2.1\n");

        Assert.Equal("jq", Assert.Single(stanzas)["Package"]);
    }

    [Fact]
    public void Reading_is_lazy_and_stops_after_the_stanza_taken()
    {
        using var reader = new StringReader("Package: a\nVersion: 1\n\nPackage: b\nVersion: 2\n");

        var first = ControlStanzas.Read(reader, ControlStanzas.PackageFields).First();

        Assert.Equal("a", first["Package"]);
        Assert.Equal("Package: b", reader.ReadLine());
    }

    [Fact]
    public void To_package_maps_the_fields()
    {
        var package = ControlStanzas.ToPackage(Read(TwoPackages)[0]);

        Assert.Equal(new PackageInfo("nginx", "1.22.1-9+deb12u1", "amd64", "httpd", 1271, "small, powerful, scalable web/proxy server"), package);
    }

    [Fact]
    public void To_package_leaves_out_what_is_missing_or_unreadable()
    {
        var package = ControlStanzas.ToPackage(Assert.Single(Read("Package: a\nVersion: 1\nInstalled-Size: lots\n")));

        Assert.Equal(new PackageInfo("a", "1", "", null, null, null), package);
    }

    [Fact]
    public void To_package_returns_null_without_a_name_or_a_version()
    {
        Assert.Null(ControlStanzas.ToPackage(Assert.Single(Read("Package: no-version\nArchitecture: amd64\n"))));
        Assert.Null(ControlStanzas.ToPackage(Assert.Single(Read("Version: 1.0\nArchitecture: amd64\n"))));
    }

    [Fact]
    public void Stanzas_without_a_version_are_skipped_when_read_as_packages()
    {
        var packages = Read("Package: a\nVersion: 1\n\nPackage: virtual-only\nDescription: no version\n\nPackage: c\nVersion: 3\n")
            .Select(ControlStanzas.ToPackage).OfType<PackageInfo>();

        Assert.Equal(["a", "c"], packages.Select(p => p.Name));
    }
}
