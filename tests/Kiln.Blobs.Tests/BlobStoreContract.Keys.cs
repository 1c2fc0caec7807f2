namespace Kiln.Blobs.Tests;

/// <summary>Invalid keys and prefixes: refused by every member.</summary>
public abstract partial class BlobStoreContract
{
    public static TheoryData<string> InvalidKeys() =>
    [
        "", "/", "/images/42", "images/42/", "images//42", "..", ".", "../etc/passwd", "images/../../etc/passwd", "images/42/..",
        "images/./42", ".tmp/x", ".hidden", "_disk", "-rf", "images/42/disk..qcow2", "images\\42", "..\\..\\x", "C:\\x", "a\0b",
        "a\nb", "a\r", "a b", "a\tb", "images/42/disk.qcow2 ", "a\u2215b", "a\u2044b", "a\uff0fb", "\u2024\u2024/x", "a\uff0eb",
        "images/42/\u0441.qcow2", "caf\u00e9", "a\u200bb", "%2e%2e/x", "%2E%2E%2Fetc", "images%2F42", "a:b", "a*", "~root",
        new string('a', 513), string.Join('/', Enumerable.Repeat("abcdefgh", 60)), new string('s', 201),
    ];

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task An_invalid_key_is_refused_by_every_member_before_touching_storage(string key)
    {
        var store = NewStore();
        var file = Scratch.WriteFile("artefact", [1, 2, 3]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(key, Text("x"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutFileAsync(key, file, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetInfoAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync(key, 0, null, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, default));

        Assert.True(File.Exists(file));
        Assert.Empty(await ListAsync(store, ""));
        AssertNoLeftovers();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("//")]
    [InlineData("/images")]
    [InlineData("images//")]
    [InlineData("../")]
    [InlineData("images/../")]
    [InlineData("images/42/..")]
    [InlineData("images\\")]
    [InlineData("images/%2e%2e/")]
    [InlineData("images/\u2215")]
    public async Task An_invalid_prefix_is_refused_by_list_and_delete(string prefix)
    {
        var store = NewStore();
        await store.PutAsync("images/42/disk.qcow2", Text("x"), default);

        Assert.Throws<ArgumentException>(() => store.ListAsync(prefix, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync(prefix, default));
        Assert.Equal(["images/42/disk.qcow2"], await KeysAsync(store, ""));
    }
}
