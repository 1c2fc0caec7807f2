namespace Kiln.UForge;

/// <summary>
/// The xsd type <c>UserProfile</c>. Root element <c>userProfile</c>. Describes an user's profile.
/// </summary>
public class UserProfile : UForgeObject
{
    public string? LoginName { get; set; }
    public bool? Active { get; set; }
    public Company? Company { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? Surname { get; set; }
    public string? JobTitle { get; set; }
    public Logo? Photo { get; set; }
    public string? Website { get; set; }
}
