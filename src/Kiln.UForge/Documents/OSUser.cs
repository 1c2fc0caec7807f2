namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>OSUser</c>. Root element <c>osUser</c>. Description of an operating system user for filesystem
/// directory and file permissions.
/// </summary>
public sealed class OSUser : UForgeObject
{
    public bool? DisablePasswordLogin { get; set; }
    public bool? Encrypted { get; set; }
    public string? FullName { get; set; }
    public string? HomeDir { get; set; }
    public string? Name { get; set; }
    public string? Password { get; set; }
    public bool? PasswordAuto { get; set; }
    public string? PrimaryGroup { get; set; }
    public bool? PrimaryGroupAuto { get; set; }
    public string? SecondaryGroups { get; set; }
    public string? Shell { get; set; }
    public List<SSHKey>? SshKeys { get; set; }
    /// <summary>An xs:int in the xsd, not a boolean.</summary>
    public int? Sudo { get; set; }
    public bool? SystemUser { get; set; }
    public string? Uri { get; set; }
    public string? UserId { get; set; }
    public bool? UserIdAuto { get; set; }
}
