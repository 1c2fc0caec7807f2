using System.Globalization;
using Kiln.Builder.Appliances;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Stages;

/// <summary>Users, groups, passwords (stored hashed), SSH keys and sudo rights, made with the shadow tools' --root.</summary>
internal static class Accounts
{
    public static async Task ApplyAsync(string tree, InstallProfile install, IProcessRunner runner, CancellationToken cancellationToken)
    {
        var existingGroups = ReadNames(tree, "/etc/group");
        foreach (var group in install.Users.SelectMany(u => u.Groups).Distinct(StringComparer.Ordinal).Where(g => !existingGroups.Contains(g)))
            await runner.RunAsync(new ToolInvocation("groupadd", ["--root", tree, group]), cancellationToken).ConfigureAwait(false);

        foreach (var user in install.Users)
        {
            var arguments = new List<string> { "--root", tree, "--create-home", "--user-group", "--shell", user.Shell };
            if (user.FullName is { } fullName)
                arguments.AddRange(["--comment", fullName]);
            if (user.Groups.Count > 0)
                arguments.AddRange(["--groups", string.Join(',', user.Groups)]);
            arguments.Add(user.Name);
            await runner.RunAsync(new ToolInvocation("useradd", arguments), cancellationToken).ConfigureAwait(false);
        }

        var passwords = install.Users.Where(u => u.Password is not null).Select(u => (u.Name, Password: u.Password!)).ToList();
        if (install.RootUser.Password is { } rootPassword)
            passwords.Add(("root", rootPassword));
        // A password starting with '$' is already a crypt(3) hash; the others are hashed by chpasswd.
        await SetPasswordsAsync(tree, passwords.Where(p => !p.Password.StartsWith('$')), encrypted: false, runner, cancellationToken).ConfigureAwait(false);
        await SetPasswordsAsync(tree, passwords.Where(p => p.Password.StartsWith('$')), encrypted: true, runner, cancellationToken).ConfigureAwait(false);

        if (install.RootUser.SshKeys.Count > 0)
            await AuthorizeKeysAsync(tree, "root", "/root", install.RootUser.SshKeys, runner, cancellationToken).ConfigureAwait(false);
        foreach (var user in install.Users.Where(u => u.SshKeys.Count > 0))
            await AuthorizeKeysAsync(tree, user.Name, "/home/" + user.Name, user.SshKeys, runner, cancellationToken).ConfigureAwait(false);

        foreach (var user in install.Users.Where(u => u.Sudo))
        {
            // Without a password, sudo could never be used: such a user is trusted by its SSH key alone.
            var rule = user.Password is null ? "ALL=(ALL:ALL) NOPASSWD: ALL" : "ALL=(ALL:ALL) ALL";
            TreeFiles.Write(tree, $"/etc/sudoers.d/90-kiln-{user.Name}", $"{user.Name} {rule}\n", TreeFiles.ReadOnlyPrivate);
        }
    }

    private static async Task SetPasswordsAsync(string tree, IEnumerable<(string Name, string Password)> passwords, bool encrypted,
        IProcessRunner runner, CancellationToken cancellationToken)
    {
        var lines = string.Concat(passwords.Select(p => $"{p.Name}:{p.Password}\n"));
        if (lines.Length == 0)
            return;
        List<string> arguments = encrypted ? ["--root", tree, "--encrypted"] : ["--root", tree];
        // Passwords go through stdin: never on a command line another process could read.
        await runner.RunAsync(new ToolInvocation("chpasswd", arguments) { StandardInput = lines }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task AuthorizeKeysAsync(string tree, string user, string home, IReadOnlyList<string> keys,
        IProcessRunner runner, CancellationToken cancellationToken)
    {
        var sshDir = TreeFiles.ResolveTarget(tree, home + "/.ssh");
        Directory.CreateDirectory(sshDir);
        File.SetUnixFileMode(sshDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        TreeFiles.Write(tree, home + "/.ssh/authorized_keys", string.Concat(keys.Select(k => k.Trim() + "\n")), TreeFiles.Private);
        var (uid, gid) = Ids(tree, user);
        await runner.RunAsync(new ToolInvocation("chown", ["-R", "--no-dereference", $"{uid}:{gid}", sshDir]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's numeric ids inside the image, which may differ from the host's.</summary>
    internal static (int Uid, int Gid) Ids(string tree, string user)
    {
        var fields = File.ReadLines(TreeFiles.ResolveTarget(tree, "/etc/passwd"))
            .Select(l => l.Split(':'))
            .FirstOrDefault(f => f.Length >= 4 && f[0] == user)
            ?? throw new InvalidOperationException($"user '{user}' is missing from the image's /etc/passwd");
        return (int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }

    private static HashSet<string> ReadNames(string tree, string file) =>
        [.. File.ReadLines(TreeFiles.ResolveTarget(tree, file)).Select(l => l.Split(':')[0])];
}
