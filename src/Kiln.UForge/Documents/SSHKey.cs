namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>SSHKey</c>. Root element <c>sshKey</c>. Provides information of a public SSH key.
/// </summary>
public sealed class SSHKey : UForgeObject
{
    public string? Name { get; set; }
    public string? PublicKey { get; set; }
    public string? Uri { get; set; }
}
