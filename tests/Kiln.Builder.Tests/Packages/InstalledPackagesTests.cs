using Kiln.Builder.Packages;
using Kiln.Builder.Processes;
using Kiln.Builder.Tests.Support;

namespace Kiln.Builder.Tests;

public sealed class InstalledPackagesTests : IDisposable
{
    private const string HostStatus = "/var/lib/dpkg/status";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string StatusFile(string text) => _temp.WriteFile("var/lib/dpkg/status", text);

    [Fact]
    public void Only_installed_packages_are_listed_sorted_by_name()
    {
        var status = StatusFile("""
            Package: zstd
            Status: install ok installed
            Priority: optional
            Section: utils
            Installed-Size: 1791
            Maintainer: RPM packaging team <team+pkg-rpm@tracker.debian.org>
            Architecture: amd64
            Version: 1.5.4+dfsg2-5
            Description: fast lossless compression algorithm -- CLI tool
             Zstd, short for Zstandard, is a fast lossless compression algorithm.

            Package: apache2
            Status: deinstall ok config-files
            Priority: optional
            Section: httpd
            Installed-Size: 561
            Architecture: amd64
            Version: 2.4.62-1~deb12u2
            Conffiles:
             /etc/apache2/apache2.conf 354c9e6d2b88a0a3e0548f853840674c
            Description: Apache HTTP Server

            Package: old-tool
            Status: purge ok not-installed
            Architecture: amd64

            Package: broken
            Status: install reinstreq half-installed
            Architecture: amd64
            Version: 1.0

            Package: unpacked-only
            Status: install ok unpacked
            Architecture: amd64
            Version: 2.0

            Package: apt
            Status: install ok installed
            Priority: important
            Section: admin
            Installed-Size: 4307
            Architecture: amd64
            Version: 2.6.1
            Description: commandline package manager
             This package provides commandline tools for searching and
             managing as well as querying information about packages.

            Package: held
            Status: hold ok installed
            Architecture: all
            Version: 3.1
            """);

        var packages = InstalledPackages.Read(status);

        Assert.Equal(["apt", "held", "zstd"], packages.Select(p => p.Name));
        Assert.Equal(new PackageInfo("apt", "2.6.1", "amd64", "admin", 4307, "commandline package manager"), packages[0]);
        Assert.Equal(new PackageInfo("zstd", "1.5.4+dfsg2-5", "amd64", "utils", 1791, "fast lossless compression algorithm -- CLI tool"), packages[2]);
    }

    [Fact]
    public void Sorting_is_ordinal()
    {
        string[] names = ["libc6", "g++", "a2ps", "Zed", "gcc", "g++-12"];
        var status = StatusFile(string.Concat(names.Select(n => $"Package: {n}\nStatus: install ok installed\nVersion: 1\n\n")));

        Assert.Equal(["Zed", "a2ps", "g++", "g++-12", "gcc", "libc6"], InstalledPackages.Read(status).Select(p => p.Name));
    }

    [Fact]
    public void Installed_stanzas_without_a_version_or_a_status_are_skipped()
    {
        var status = StatusFile("Package: no-version\nStatus: install ok installed\n\nPackage: no-status\nVersion: 1\n\nPackage: ok\nStatus: install ok installed\nVersion: 1\n");

        Assert.Equal(["ok"], InstalledPackages.Read(status).Select(p => p.Name));
    }

    [Fact]
    public void A_crlf_status_file_without_a_trailing_newline_is_read()
    {
        var status = StatusFile("Package: b\r\nStatus: install ok installed\r\nVersion: 2\r\n\r\nPackage: a\r\nStatus: install ok installed\r\nVersion: 1");

        Assert.Equal([("a", "1"), ("b", "2")], InstalledPackages.Read(status).Select(p => (p.Name, p.Version)));
    }

    [Fact]
    public void An_empty_status_file_lists_nothing()
    {
        Assert.Empty(InstalledPackages.Read(StatusFile("")));
    }

    [Fact]
    public void A_missing_status_file_throws()
    {
        Assert.ThrowsAny<IOException>(() => InstalledPackages.Read(_temp.Combine("no", "status")));
    }

    [Fact]
    public async Task The_hosts_status_file_lists_dpkg_and_coreutils_with_the_versions_dpkg_query_reports()
    {
        var packages = InstalledPackages.Read(HostStatus);

        foreach (var name in (string[])["dpkg", "coreutils"])
        {
            var package = Assert.Single(packages, p => p.Name == name);
            var version = await DpkgQueryAsync("-W", "--showformat=${Version}", name);
            Assert.False(string.IsNullOrWhiteSpace(package.Version));
            Assert.Equal(version, package.Version);
        }
    }

    [Fact]
    public async Task The_hosts_status_file_lists_exactly_what_dpkg_query_says_is_installed()
    {
        var listed = await DpkgQueryAsync("-W", "--showformat=${db:Status-Status}\t${Package}\t${Version}\n");
        var installed = listed.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('\t'))
            .Where(f => f[0] == "installed")
            .Select(f => (f[1], f[2]))
            .Order();

        var packages = InstalledPackages.Read(HostStatus);

        Assert.Equal(installed, packages.Select(p => (p.Name, p.Version)).Order());
        Assert.Equal(packages.Select(p => p.Name).Order(StringComparer.Ordinal), packages.Select(p => p.Name));
    }

    private static async Task<string> DpkgQueryAsync(params string[] arguments) =>
        (await new ProcessRunner().RunAsync(new ToolInvocation("dpkg-query", arguments), CancellationToken.None)).StandardOutput.TrimEnd('\n');
}
