namespace Kiln.Blobs.Tests;

public sealed class BlobKeyTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("images/42/disk.qcow2")]
    [InlineData("images/42")]
    [InlineData("Images/0/web-1.0_final.ova")]
    [InlineData("a.b.c/d-e_f/9")]
    [InlineData("x.")]
    [InlineData("a/b/c/d/e/f/g/h")]
    public void Keys_of_ascii_segments_are_valid(string key)
    {
        Assert.True(BlobKey.IsValid(key));
        BlobKey.Validate(key);
    }

    [Fact]
    public void A_key_may_be_512_characters_and_a_segment_200()
    {
        var segment = new string('s', BlobKey.MaxSegmentLength);
        var key = segment + "/" + segment + "/" + new string('t', 512 - 2 * 201);

        Assert.Equal(512, key.Length);
        Assert.True(BlobKey.IsValid(key));
        Assert.False(BlobKey.IsValid(key + "t"));
        Assert.False(BlobKey.IsValid(segment + "s"));
    }

    [Theory]
    [MemberData(nameof(BlobStoreContract.InvalidKeys), MemberType = typeof(BlobStoreContract))]
    public void Invalid_keys_are_refused_with_an_exception_naming_them(string key)
    {
        Assert.False(BlobKey.IsValid(key));
        var error = Assert.Throws<ArgumentException>(() => BlobKey.Validate(key));
        Assert.Equal("key", error.ParamName);
        Assert.StartsWith("Invalid blob key '", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_key_is_refused()
    {
        Assert.False(BlobKey.IsValid(null));
        Assert.Throws<ArgumentNullException>(() => BlobKey.Validate(null!));
    }

    [Theory]
    [InlineData("../etc/passwd", "'../etc/passwd': it contains '..'")]
    [InlineData("/etc/passwd", "'/etc/passwd': it has an empty segment")]
    [InlineData("images/42/", "'images/42/': it has an empty segment")]
    [InlineData(".ssh/id_rsa", "'.ssh/id_rsa': character '.' at 0 is not allowed there")]
    [InlineData("images/%2e%2e/x", "'images/%2e%2e/x': character '%' at 7 is not allowed there")]
    public void The_message_says_what_is_wrong(string key, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobKey.Validate(key));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a\0b", @"'a\u0000b'")]
    [InlineData("a\nInfo: forged log line", @"'a\u000aInfo: forged log line'")]
    [InlineData("a\u2215..\u2215etc", @"'a\u2215..\u2215etc'")]
    [InlineData("it's", @"'it\u0027s'")]
    [InlineData("a\\b", @"'a\u005cb'")]
    public void The_message_escapes_what_is_not_printable_ascii(string key, string shown)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobKey.Validate(key));

        Assert.Contains(shown, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message.Split(" (Parameter")[0]);
    }

    [Fact]
    public void The_message_of_a_huge_key_is_cut_short()
    {
        var error = Assert.Throws<ArgumentException>(() => BlobKey.Validate(new string('a', 100_000)));

        Assert.True(error.Message.Length < 700, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("images/42/")]
    [InlineData("images/42")]
    [InlineData("images/4")]
    [InlineData("i")]
    [InlineData("images/")]
    public void Prefixes_are_keys_with_an_optional_slash(string prefix)
    {
        BlobKey.ValidatePrefix(prefix, allowEmpty: false);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("images//")]
    [InlineData("../")]
    [InlineData("images/..")]
    [InlineData("images/42//")]
    [InlineData("\\")]
    public void Other_prefixes_are_refused(string prefix)
    {
        var error = Assert.Throws<ArgumentException>(() => BlobKey.ValidatePrefix(prefix, allowEmpty: true));

        Assert.Equal("prefix", error.ParamName);
    }

    [Fact]
    public void The_empty_prefix_is_valid_only_when_allowed()
    {
        BlobKey.ValidatePrefix("", allowEmpty: true);
        Assert.Throws<ArgumentException>(() => BlobKey.ValidatePrefix("", allowEmpty: false));
    }
}
