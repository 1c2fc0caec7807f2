using Kiln.Builder.Cache;

namespace Kiln.Builder.Tests;

public sealed class BaseTreeKeyTests
{
    private static readonly BaseTreeKey Reference = Key(["jq", "curl", "udev"]);

    [Fact]
    public void Value_is_32_lower_case_hex_digits()
    {
        Assert.Matches("^[0-9a-f]{32}$", Reference.Value);
        Assert.Equal(Reference.Value, Reference.ToString());
    }

    [Fact]
    public void Package_order_and_duplicates_do_not_change_the_key()
    {
        Assert.Equal(Reference.Value, Key(["udev", "jq", "curl"]).Value);
        Assert.Equal(Reference.Value, Key(["curl", "jq", "udev", "jq"]).Value);
    }

    [Fact]
    public void A_trailing_slash_on_the_mirror_does_not_change_the_key()
    {
        Assert.Equal(Reference.Value, Key(["jq", "curl", "udev"], mirror: "http://deb.example.org/debian/").Value);
    }

    [Fact]
    public void Every_input_that_decides_the_tree_changes_the_key()
    {
        string[] packages = ["jq", "curl", "udev"];
        BaseTreeKey[] variants =
        [
            Key(["jq", "curl"]),
            Key(packages, mirror: "http://mirror.example.net/debian"),
            Key(packages, profile: "standard"),
            Key(packages, codename: "trixie"),
            Key(packages, arch: "arm64"),
            Key(packages, distribution: "ubuntu"),
        ];

        Assert.All(variants, v => Assert.NotEqual(Reference.Value, v.Value));
        Assert.Equal(variants.Length, variants.Select(v => v.Value).Distinct().Count());
    }

    internal static BaseTreeKey Key(IReadOnlyList<string> packages, string mirror = "http://deb.example.org/debian", string profile = "minimal",
        string codename = "bookworm", string arch = "amd64", string distribution = "debian") =>
        new(distribution, codename, arch, profile, packages, mirror);
}
