using Kiln.Builder.Appliances;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeMapping;

/// <summary>UForge's installProfile document to and from the builder's install profile.</summary>
internal static class InstallProfileMapping
{
    /// <summary>Applies the fields the document carries onto <paramref name="current"/>; absent fields keep their value.</summary>
    public static InstallProfile Apply(InstallProfile current, Doc.InstallProfile? document)
    {
        if (document is null)
            return current;
        return current with
        {
            DiskSize = document.DiskSize is { } disk ? checked((int)disk) : current.DiskSize,
            SwapSize = document.SwapSize is { } swap ? checked((int)swap) : current.SwapSize,
            MemorySize = document.MemorySize is { } memory ? checked((int)memory) : current.MemorySize,
            Timezone = document.Timezone ?? current.Timezone,
            Keyboard = document.Keyboard is { } keyboard ? XkbLayout(keyboard) : current.Keyboard,
            RootUser = document.RootUser is { } root
                ? current.RootUser with { Password = root.Password ?? current.RootUser.Password, SshKeys = Keys(root) ?? current.RootUser.SshKeys }
                : current.RootUser,
            Users = document.Users is { } users ? [.. users.Select(u => User(u, current.Users.FirstOrDefault(c => c.Name == u.Name)))] : current.Users,
            KernelParameters = document.KernelParameters ?? current.KernelParameters,
            WelcomeMsg = document.WelcomeMsg ?? current.WelcomeMsg,
        };
    }

    public static Doc.InstallProfile ToDocument(InstallProfile profile, string uri) => new()
    {
        DiskSize = profile.DiskSize,
        SwapSize = profile.SwapSize,
        MemorySize = profile.MemorySize,
        Timezone = profile.Timezone,
        Keyboard = profile.Keyboard,
        KernelParameters = profile.KernelParameters,
        WelcomeMsg = profile.WelcomeMsg,
        // Passwords are never sent back: only whether one is set shows, through the users' presence.
        RootUser = new Doc.OSUser { Name = "root", SshKeys = SshKeys(profile.RootUser.SshKeys) },
        Users = [.. profile.Users.Select(u => new Doc.OSUser
        {
            Name = u.Name, FullName = u.FullName, Shell = u.Shell, Sudo = u.Sudo ? 1 : 0,
            SecondaryGroups = u.Groups.Count > 0 ? string.Join(',', u.Groups) : null, SshKeys = SshKeys(u.SshKeys),
        })],
        Uri = uri,
    };

    /// <summary>UForge names console keymaps (<c>uk</c>, <c>de-latin1</c>); the image's keyboard file wants XKB layouts.</summary>
    internal static string XkbLayout(string keymap)
    {
        var layout = keymap.Split('-')[0].ToLowerInvariant();
        return layout switch { "uk" => "gb", "sg" or "sf" or "fr_ch" or "de_ch" => "ch", "br" => "br", _ => layout };
    }

    /// <summary>A user sent back without a password (as GET shows them) keeps the one it had.</summary>
    private static UserAccount User(Doc.OSUser user, UserAccount? existing) => new()
    {
        Name = user.Name ?? "",
        FullName = user.FullName,
        Password = user.Password ?? existing?.Password,
        SshKeys = Keys(user) ?? [],
        Sudo = user.Sudo is > 0,
        Groups = user.SecondaryGroups?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
        Shell = user.Shell ?? "/bin/bash",
    };

    private static IReadOnlyList<string>? Keys(Doc.OSUser user) =>
        user.SshKeys is { } keys ? [.. keys.Select(k => k.PublicKey ?? "")] : null;

    private static List<Doc.SSHKey>? SshKeys(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? null : [.. keys.Select((k, i) => new Doc.SSHKey { Name = $"key{i + 1}", PublicKey = k })];
}
