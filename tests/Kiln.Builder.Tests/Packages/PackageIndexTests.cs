using Kiln.Builder.Packages;

namespace Kiln.Builder.Tests;

public sealed class PackageIndexTests
{
    private static readonly DateTimeOffset FetchedAt = new(2025, 5, 17, 9, 35, 0, TimeSpan.Zero);

    internal static PackageInfo Package(string name, string version = "1.0") => new(name, version, "amd64", "misc", 100, name + " summary");

    /// <summary>A small index, deliberately unsorted.</summary>
    internal static PackageIndex Index(params string[] names) => new(names.Select(n => Package(n)), FetchedAt);

    private static readonly PackageIndex Web = Index(
        "nginx-extras", "nginx", "libnginx-mod-http-geoip", "nginx-common", "nginx-core", "apache2", "jq", "libjq1",
        "g++", "g++-12", "libstdc++6", "python3.11", "python3-nginx");

    private static string[] Names(IEnumerable<PackageInfo> packages) => [.. packages.Select(p => p.Name)];

    [Fact]
    public void Count_and_fetch_time_are_kept()
    {
        Assert.Equal(13, Web.Count);
        Assert.Equal(FetchedAt, Web.FetchedAt);
    }

    [Fact]
    public void A_pattern_without_a_star_is_a_substring_in_name_order()
    {
        Assert.Equal(["libnginx-mod-http-geoip", "nginx", "nginx-common", "nginx-core", "nginx-extras", "python3-nginx"], Names(Web.Search("nginx")));
        Assert.Equal(["jq", "libjq1"], Names(Web.Search("jq")));
    }

    [Fact]
    public void A_trailing_star_matches_names_starting_with_the_rest()
    {
        Assert.Equal(["nginx", "nginx-common", "nginx-core", "nginx-extras"], Names(Web.Search("nginx*")));
    }

    [Fact]
    public void A_leading_star_matches_names_ending_with_the_rest()
    {
        Assert.Equal(["nginx-common"], Names(Web.Search("*-common")));
        Assert.Equal(["g++"], Names(Web.Search("*++")));
    }

    [Fact]
    public void Stars_in_the_middle_match_any_run_of_characters()
    {
        Assert.Equal(["libnginx-mod-http-geoip"], Names(Web.Search("lib*mod*geoip")));
        Assert.Equal(["nginx-common", "nginx-core"], Names(Web.Search("nginx-co*")));
        Assert.Equal(["nginx", "nginx-common", "nginx-core", "nginx-extras"], Names(Web.Search("n*x*")));
    }

    [Fact]
    public void A_pattern_with_a_star_must_match_the_whole_name()
    {
        Assert.Empty(Web.Search("ginx*"));
        Assert.Equal(["jq"], Names(Web.Search("j*")));
    }

    [Fact]
    public void Search_is_case_insensitive()
    {
        Assert.Equal(Names(Web.Search("nginx")), Names(Web.Search("NGINX")));
        Assert.Equal(["nginx-common", "nginx-core"], Names(Web.Search("NgInX-CO*")));
    }

    [Fact]
    public void Regex_characters_in_a_pattern_are_literal()
    {
        Assert.Equal(["g++", "g++-12", "libstdc++6"], Names(Web.Search("++")));
        Assert.Equal(["python3.11"], Names(Web.Search("python3.")));
        Assert.Empty(Web.Search("python3.1?"));
        Assert.Empty(Web.Search("(jq)"));
        Assert.Empty(Web.Search("^jq$"));
        Assert.Empty(Web.Search("j[q]"));
    }

    [Fact]
    public void A_star_alone_or_an_empty_pattern_lists_everything_sorted()
    {
        string[] sorted = [.. Names(Web.Search("*")).Order(StringComparer.Ordinal)];

        Assert.Equal(13, sorted.Length);
        Assert.Equal(sorted, Names(Web.Search("*")));
        Assert.Equal(sorted, Names(Web.Search("")));
        Assert.Equal(sorted, Names(Web.Search("**")));
    }

    [Fact]
    public void Nothing_matches_an_unknown_name()
    {
        Assert.Empty(Web.Search("no-such-package"));
        Assert.Empty(Web.Search("no-such*"));
    }

    [Fact]
    public void Find_is_an_exact_name_match()
    {
        Assert.Equal(Package("jq"), Web.Find("jq"));
        Assert.Null(Web.Find("j"));
        Assert.Null(Web.Find("jq*"));
        Assert.Null(Web.Find("JQ")); // Debian package names are lower case; the lookup is exact.
        Assert.Null(Web.Find(""));
    }

    [Fact]
    public void A_name_listed_twice_keeps_the_last_entry()
    {
        var index = new PackageIndex([Package("jq", "1.6-2.1"), Package("apt", "2.6.1"), Package("jq", "1.6-2.1+deb12u1"), Package("jq", "1.6-3")], FetchedAt);

        Assert.Equal(2, index.Count);
        Assert.Equal("1.6-3", index.Find("jq")!.Version);
        Assert.Equal([("apt", "2.6.1"), ("jq", "1.6-3")], index.Search("*").Select(p => (p.Name, p.Version)));
    }

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        var index = new PackageIndex([], FetchedAt);

        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search("*"));
        Assert.Null(index.Find("jq"));
    }
}
