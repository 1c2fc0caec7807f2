using System.Text.RegularExpressions;
using Kiln.Builder.Formats;
using Kiln.Builder.OsProfiles;
using Kiln.Builder.Planning;

namespace Kiln.Builder.Appliances;

/// <summary>
/// Checks everything that can be checked without running a tool, and reports every problem at once,
/// each naming its field as a JSON path.
/// </summary>
public static partial class ApplianceValidator
{
    public const int MaxDiskSizeMiB = 2040 * 1024; // fixed VHD's limit, the smallest among the formats
    public const int MaxBootScripts = 99; // numbered 01-99 so the shell's glob order is the definition's order
    public const int MaxOvaNameAndVersion = 88;
    private static readonly HashSet<string> ReservedUserNames = new(StringComparer.Ordinal)
    {
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy", "www-data",
        "backup", "list", "irc", "gnats", "nobody", "_apt", "systemd-network", "systemd-resolve", "messagebus",
        "sshd", "systemd-timesync", "sudo", "adm", "users", "staff",
    };

    /// <param name="estimatedTreeMiB">Size of the base tree if known (from the cache), else the profile's estimate is used.</param>
    /// <param name="zoneInfoRoot">Where time zone files live on this machine, to check the timezone by name.</param>
    public static IReadOnlyList<ValidationError> Validate(
        ApplianceDefinition appliance, IReadOnlyList<string> formats, int? estimatedTreeMiB = null,
        string zoneInfoRoot = "/usr/share/zoneinfo")
    {
        var errors = new List<ValidationError>();
        void Fail(string field, string message) => errors.Add(new ValidationError(field, message));

        if (!NamePattern().IsMatch(appliance.Name))
            Fail("name", appliance.Name.Length == 0 ? "is required"
                : $"'{appliance.Name}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        if (!NamePattern().IsMatch(appliance.Version))
            Fail("version", $"'{appliance.Version}' must be 1-64 letters, digits, '.', '_' or '-'");
        // An OVA is a ustar archive: its member NAME-VERSION-disk1.vmdk must fit ustar's 100-character names.
        if (formats.Any(f => string.Equals(f.Trim(), "ova", StringComparison.OrdinalIgnoreCase))
            && appliance.Name.Length + appliance.Version.Length > MaxOvaNameAndVersion)
            Fail("name", $"name and version together must be at most {MaxOvaNameAndVersion} characters for an OVA (they are {appliance.Name.Length + appliance.Version.Length})");

        var profile = ValidateOs(appliance.Os, Fail);
        ValidateInstallProfile(appliance, profile, estimatedTreeMiB, zoneInfoRoot, Fail);
        ValidateBootScripts(appliance.BootScripts, Fail);

        if (appliance.Boot is not ("bios" or "uefi"))
            Fail("boot", $"'{appliance.Boot}' is not a boot mode; use 'bios' or 'uefi'");

        if (formats.Count == 0)
            Fail("format", $"at least one format is required ({string.Join(", ", TargetFormats.All)})");
        foreach (var format in formats.Where(f => TargetFormats.Find(f) is null))
            Fail("format", $"unknown format '{format}'; known formats: {string.Join(", ", TargetFormats.All)}");
        return errors;
    }

    public static void ThrowIfInvalid(ApplianceDefinition appliance, IReadOnlyList<string> formats, int? estimatedTreeMiB = null)
    {
        var errors = Validate(appliance, formats, estimatedTreeMiB);
        if (errors.Count > 0)
            throw new ApplianceValidationException(errors);
    }

    private static OsProfile? ValidateOs(OsProfileSpec os, Action<string, string> fail)
    {
        OsProfile? profile = null;
        var release = OsProfileCatalog.FindRelease(os.Distribution, os.Release);
        if (!OsProfileCatalog.Releases.Any(r => string.Equals(r.Distribution, os.Distribution, StringComparison.OrdinalIgnoreCase)))
            fail("os.distribution", os.Distribution.Length == 0 ? "is required (debian)"
                : $"unknown distribution '{os.Distribution}'; supported: {string.Join(", ", OsProfileCatalog.Releases.Select(r => r.Distribution).Distinct())}");
        else if (release is null)
            fail("os.release", $"unknown release '{os.Release}' of {os.Distribution}; supported: {string.Join(", ", OsProfileCatalog.Releases.SelectMany(r => r.Aliases))}");
        else if ((profile = release.FindProfile(os.Profile)) is null)
            fail("os.profile", $"unknown profile '{os.Profile}'; {release.Distribution} {release.Release} has {string.Join(", ", release.Profiles.Select(p => p.Name))}");

        if (!OsProfileCatalog.Architectures.ContainsKey(os.Arch))
            fail("os.arch", $"unsupported architecture '{os.Arch}'; supported: x86_64");
        for (var i = 0; i < os.Packages.Count; i++)
            if (os.Packages[i] is null)
                fail($"os.packages[{i}]", "must not be null");
            else if (!PackagePattern().IsMatch(os.Packages[i]))
                fail($"os.packages[{i}]", $"'{os.Packages[i]}' is not a Debian package name");
        return profile;
    }

    private static void ValidateInstallProfile(
        ApplianceDefinition appliance, OsProfile? profile, int? estimatedTreeMiB, string zoneInfoRoot, Action<string, string> fail)
    {
        var install = appliance.InstallProfile;
        const string p = "installProfile.";
        if (install.SwapSize < 0)
            fail(p + "swapSize", $"{install.SwapSize} MB is negative");
        if (install.MemorySize < 128)
            fail(p + "memorySize", $"{install.MemorySize} MB is too little; at least 128 MB");
        if (install.CpuCount is < 1 or > 64)
            fail(p + "cpuCount", $"{install.CpuCount} must be between 1 and 64");
        if (install.DiskSize > MaxDiskSizeMiB)
            fail(p + "diskSize", $"{install.DiskSize} MB exceeds the largest disk Kiln builds ({MaxDiskSizeMiB} MB)");
        else if (profile is not null && install.SwapSize >= 0)
        {
            var treeMiB = estimatedTreeMiB ?? profile.EstimatedTreeMiB;
            var needed = DiskLayout.RequiredDiskMiB(treeMiB, install.SwapSize, appliance.Boot == "uefi");
            if (install.DiskSize < needed)
                fail(p + "diskSize", DiskLayout.TooSmallMessage(install.DiskSize, needed, treeMiB, install.SwapSize));
        }

        if (!HostnamePattern().IsMatch(install.Hostname) || install.Hostname.Length > 253)
            fail(p + "hostname", $"'{install.Hostname}' is not a valid host name (letters, digits and '-', dot-separated labels of 1-63)");
        if (!IsKnownTimezone(install.Timezone, zoneInfoRoot))
            fail(p + "timezone", $"unknown time zone '{install.Timezone}'; use an IANA name such as Europe/Paris or Etc/UTC");
        if (!KeyboardLayouts.IsKnown(install.Keyboard))
            fail(p + "keyboard", $"unknown keyboard layout '{install.Keyboard}'; use an XKB layout code such as us, fr, de, gb");
        if (install.KernelParameters is { } kp && (kp.Contains('\n', StringComparison.Ordinal) || kp.Contains('\r', StringComparison.Ordinal)))
            fail(p + "kernelParameters", "must be a single line");
        if (install.RootUser.Password is "")
            fail(p + "rootUser.password", "is empty; omit it to keep root locked");
        ValidateSshKeys(install.RootUser.SshKeys, p + "rootUser.sshKeys", fail);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < install.Users.Count; i++)
        {
            var user = install.Users[i];
            var field = $"{p}users[{i}]";
            if (user is null)
            {
                fail(field, "must not be null");
                continue;
            }
            if (!UserNamePattern().IsMatch(user.Name))
                fail(field + ".name", $"'{user.Name}' is not a valid user name (lower-case letter or '_' first, then up to 31 lower-case letters, digits, '_' or '-')");
            else if (ReservedUserNames.Contains(user.Name))
                fail(field + ".name", $"'{user.Name}' is reserved by the system");
            else if (!seen.Add(user.Name))
                fail(field + ".name", $"'{user.Name}' is defined twice");
            if (user.Password is "")
                fail(field + ".password", "is empty; omit it to lock the password");
            if (user.FullName is { } full && (full.Contains(':', StringComparison.Ordinal) || full.Contains('\n', StringComparison.Ordinal)))
                fail(field + ".fullName", "must not contain ':' or a line break");
            if (!user.Shell.StartsWith('/') || user.Shell.Contains(':', StringComparison.Ordinal) || user.Shell.Contains(' ', StringComparison.Ordinal))
                fail(field + ".shell", $"'{user.Shell}' must be an absolute path");
            for (var g = 0; g < user.Groups.Count; g++)
                if (user.Groups[g] is null)
                    fail($"{field}.groups[{g}]", "must not be null");
                else if (!UserNamePattern().IsMatch(user.Groups[g]))
                    fail($"{field}.groups[{g}]", $"'{user.Groups[g]}' is not a valid group name");
            ValidateSshKeys(user.SshKeys, field + ".sshKeys", fail);
        }
    }

    private static void ValidateSshKeys(IReadOnlyList<string> keys, string field, Action<string, string> fail)
    {
        for (var i = 0; i < keys.Count; i++)
            if (!SshKeyPattern().IsMatch(keys[i] ?? ""))
                fail($"{field}[{i}]", "is not an OpenSSH public key (type, base64 key, optional comment, one line)");
    }

    private static void ValidateBootScripts(IReadOnlyList<BootScript> scripts, Action<string, string> fail)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (scripts.Count > MaxBootScripts)
            fail("bootScripts", $"{scripts.Count} scripts; at most {MaxBootScripts}");
        for (var i = 0; i < scripts.Count; i++)
        {
            var script = scripts[i];
            var field = $"bootScripts[{i}]";
            if (script is null)
            {
                fail(field, "must not be null");
                continue;
            }
            if (!ScriptNamePattern().IsMatch(script.Name))
                fail(field + ".name", $"'{script.Name}' must be 1-64 letters, digits, '.', '_' or '-'");
            else if (!names.Add(script.Name))
                fail(field + ".name", $"'{script.Name}' is defined twice");
            if (script.Type is not ("firstboot" or "everyboot"))
                fail(field + ".type", $"'{script.Type}' is not a boot script type; use 'firstboot' or 'everyboot'");
            if (string.IsNullOrWhiteSpace(script.Script))
                fail(field + ".script", "is empty");
        }
    }

    internal static bool IsKnownTimezone(string timezone, string zoneInfoRoot)
    {
        if (!TimezonePattern().IsMatch(timezone) || timezone.Split('/').Any(part => part is "." or ".."))
            return false;
        return File.Exists(Path.Combine(zoneInfoRoot, timezone));
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex ScriptNamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9+.-]+$")]
    private static partial Regex PackagePattern();

    [GeneratedRegex("^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex TimezonePattern();

    [GeneratedRegex("^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\r\\n]*)?$")]
    private static partial Regex SshKeyPattern();
}
