using Kiln.Server.Security;

namespace Kiln.Server.Tests;

public sealed class PasswordHashingTests
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_remembered_check_still_refuses_another_password()
    {
        var passwords = new PasswordHashing(_time);
        var hash = passwords.Hash("right-Pa55word");

        Assert.True(passwords.Verify(hash, "right-Pa55word"));
        Assert.True(passwords.Verify(hash, "right-Pa55word"));
        Assert.False(passwords.Verify(hash, "wrong-Pa55word"));
        Assert.False(passwords.Verify(hash, "right-Pa55word "));
    }

    [Fact]
    public void A_changed_password_is_not_accepted_from_memory()
    {
        var passwords = new PasswordHashing(_time);
        var before = passwords.Hash("old-Pa55word");
        Assert.True(passwords.Verify(before, "old-Pa55word"));

        var after = passwords.Hash("new-Pa55word");

        Assert.False(passwords.Verify(after, "old-Pa55word"));
        Assert.True(passwords.Verify(after, "new-Pa55word"));
    }

    [Fact]
    public void After_the_memory_expires_the_password_is_checked_again_and_still_works()
    {
        var passwords = new PasswordHashing(_time);
        var hash = passwords.Hash("right-Pa55word");
        Assert.True(passwords.Verify(hash, "right-Pa55word"));

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.True(passwords.Verify(hash, "right-Pa55word"));
        Assert.False(passwords.Verify(hash, "wrong-Pa55word"));
    }
}
