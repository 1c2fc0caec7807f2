using System.Text.RegularExpressions;
using Kiln.Catalog;
using Kiln.Server.Hosting;
using Kiln.Server.Security;
using Kiln.Server.UForgeMapping;
using Doc = Kiln.UForge;

namespace Kiln.Server.UForgeApi;

/// <summary>
/// Users and roles: user administrators create and list users, give them roles and define roles; every user reads and
/// changes their own account (email, password). Only a user administrator activates or deactivates an account, never
/// their own, and no change may leave the service without an active user administrator.
/// </summary>
internal static partial class UserEndpoints
{
    public const int MinPasswordLength = 8;

    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users");
        users.MapPost("", Create).RequireEntitlement(Entitlements.UserAdministrate).WithName("user_create")
            .WithSummary("Create a user (loginName, email, password, roles; the 'user' role by default)");
        users.MapGet("", List).RequireEntitlement(Entitlements.UserAdministrate).WithName("user_getAll")
            .WithSummary("Every user, by login (FIQL query on loginName and email)");
        users.MapGet("/{uid}", Get).WithName("user_get").WithSummary("A user: the caller, or anyone for a user administrator");
        users.MapPut("/{uid}", Update).WithName("user_update")
            .WithSummary("Change email and password; a user administrator also (de)activates other users. Roles change through /roles");
        users.MapGet("/{uid}/roles", GetUserRoles).WithName("userRole_getAll").WithSummary("The user's roles and their entitlements");
        users.MapPut("/{uid}/roles", SetUserRoles).RequireEntitlement(Entitlements.UserAdministrate).WithName("userRole_update")
            .WithSummary("Replace the user's roles with those named");

        var roles = api.MapGroup("/roles").RequireEntitlement(Entitlements.UserAdministrate);
        roles.MapGet("", ListRoles).WithName("role_getAll").WithSummary("Every role and its entitlements");
        roles.MapGet("/{name}", GetRole).WithName("role_get").WithSummary("One role");
        roles.MapPut("/{name}", PutRole).WithName("role_update").WithSummary("Create or replace a role (entitlements by name)");
    }

    private static async Task<UForgeDocumentResult> Create(HttpContext context, ICatalogStore catalog, PasswordHashing passwords)
    {
        var document = await RequestBodies.ReadAsync<Doc.User>(context.Request).ConfigureAwait(false);
        var login = document.LoginName;
        if (string.IsNullOrEmpty(login))
            return BadRequest(context, "user.loginName is required.");
        if (!NamePattern().IsMatch(login))
            return BadRequest(context, $"user.loginName '{login}' is not valid: 1 to 64 characters among a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
        if (PasswordProblem(document.Password) is { } passwordProblem)
            return BadRequest(context, passwordProblem);
        if (EmailProblem(document.Email) is { } emailProblem)
            return BadRequest(context, emailProblem);
        var known = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        List<string> named = document.Roles is { Count: > 0 } asked ? [.. asked.Select(r => r.Name ?? "")] : [AdminBootstrap.UserRole];
        if (RoleProblem(named, known) is { } roleProblem)
            return BadRequest(context, roleProblem);

        var (apiKey, apiSecret) = ApiKeys.Create();
        var user = await catalog.CreateUserAsync(
            new NewUser(login, EmptyToNull(document.Email), passwords.Hash(document.Password!), apiKey, apiSecret, [.. named.Distinct(StringComparer.Ordinal)]),
            context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(UserMapping.ToDocument(user, known), StatusCodes.Status201Created, "/api/" + UserMapping.Uri(user.Login));
    }

    private static async Task<UForgeDocumentResult> List(HttpContext context, ICatalogStore catalog)
    {
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        var users = (await catalog.ListUsersAsync(context.RequestAborted).ConfigureAwait(false)).OrderBy(u => u.Login, StringComparer.Ordinal);
        var (page, total) = ListQuery.Apply(users, context.Request, ListFields);
        return new UForgeDocumentResult(new Doc.Users { Items = [.. page.Select(u => UserMapping.ToDocument(u, roles))], Total = total });
    }

    private static readonly Dictionary<string, Func<User, object?>> ListFields = new()
    {
        ["dbId"] = u => u.Id,
        ["loginName"] = u => u.Login,
        ["email"] = u => u.Email,
        ["active"] = u => u.Active ? "true" : "false",
        ["created"] = u => u.Stamp.Created,
    };

    private static async Task<UForgeDocumentResult> Get(HttpContext context, string uid, ICatalogStore catalog)
    {
        if (await catalog.FindUserAsync(uid, context.RequestAborted).ConfigureAwait(false) is not { } user)
            return NotFound(context, uid);
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(UserMapping.ToDocument(user, roles));
    }

    private static async Task<UForgeDocumentResult> Update(HttpContext context, string uid, ICatalogStore catalog, PasswordHashing passwords,
        Authenticator authenticator)
    {
        var document = await RequestBodies.ReadAsync<Doc.User>(context.Request).ConfigureAwait(false);
        if (await catalog.FindUserAsync(uid, context.RequestAborted).ConfigureAwait(false) is not { } user)
            return NotFound(context, uid);
        if (document.LoginName is { } login && login != uid)
            return BadRequest(context, $"user.loginName cannot be changed (from '{uid}' to '{login}').");

        var changed = user;
        if (document.Email is not null)
        {
            if (EmailProblem(document.Email) is { } emailProblem)
                return BadRequest(context, emailProblem);
            changed = changed with { Email = EmptyToNull(document.Email) };
        }
        if (document.Password is not null)
        {
            if (PasswordProblem(document.Password) is { } passwordProblem)
                return BadRequest(context, passwordProblem);
            changed = changed with { PasswordHash = passwords.Hash(document.Password) };
        }
        if (document.Active is { } active && active != user.Active)
        {
            var caller = context.Caller();
            if (!caller.Has(Entitlements.UserAdministrate))
                return UForgeErrors.Result(context, StatusCodes.Status403Forbidden,
                    $"Only a user administrator (entitlement '{Entitlements.UserAdministrate}') may activate or deactivate an account.");
            if (!active && caller.Login == uid)
                return BadRequest(context, "You cannot deactivate your own account; another user administrator can.");
            changed = changed with { Active = active };
        }

        var saved = user;
        if (changed != user)
        {
            saved = await catalog.UpdateUserAsync(changed, context.RequestAborted).ConfigureAwait(false);
            authenticator.ForgetCallers();
        }
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(UserMapping.ToDocument(saved, roles));
    }

    private static async Task<UForgeDocumentResult> GetUserRoles(HttpContext context, string uid, ICatalogStore catalog)
    {
        if (await catalog.FindUserAsync(uid, context.RequestAborted).ConfigureAwait(false) is not { } user)
            return NotFound(context, uid);
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        return new UForgeDocumentResult(UserMapping.ToDocument(UserMapping.RolesOf(user, roles)));
    }

    private static async Task<UForgeDocumentResult> SetUserRoles(HttpContext context, string uid, ICatalogStore catalog, Authenticator authenticator)
    {
        var document = await RequestBodies.ReadAsync<Doc.Roles>(context.Request).ConfigureAwait(false);
        if (await catalog.FindUserAsync(uid, context.RequestAborted).ConfigureAwait(false) is not { } user)
            return NotFound(context, uid);
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        var named = (document.Items ?? []).Select(r => r.Name ?? "").ToList();
        if (RoleProblem(named, roles) is { } roleProblem)
            return BadRequest(context, roleProblem);

        var changed = user with { Roles = [.. named.Distinct(StringComparer.Ordinal)] };
        var users = await catalog.ListUsersAsync(context.RequestAborted).ConfigureAwait(false);
        if (!LeavesAnAdministrator(users.Select(u => u.Id == user.Id ? changed : u), roles))
            return BadRequest(context, NoAdministratorLeft($"Taking these roles from '{uid}'"));
        var saved = await catalog.UpdateUserAsync(changed, context.RequestAborted).ConfigureAwait(false);
        authenticator.ForgetCallers();
        return new UForgeDocumentResult(UserMapping.ToDocument(UserMapping.RolesOf(saved, roles)));
    }

    private static async Task<UForgeDocumentResult> ListRoles(HttpContext context, ICatalogStore catalog) =>
        new(UserMapping.ToDocument(await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false)));

    private static async Task<UForgeDocumentResult> GetRole(HttpContext context, string name, ICatalogStore catalog) =>
        (await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false)).FirstOrDefault(r => r.Name == name) is { } role
            ? new UForgeDocumentResult(UserMapping.ToDocument(role))
            : UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No role '{name}'.");

    private static async Task<UForgeDocumentResult> PutRole(HttpContext context, string name, ICatalogStore catalog, Authenticator authenticator)
    {
        var document = await RequestBodies.ReadAsync<Doc.Role>(context.Request).ConfigureAwait(false);
        if (!NamePattern().IsMatch(name))
            return BadRequest(context, $"Role name '{name}' is not valid: 1 to 64 characters among a-z, 0-9, '.', '_' and '-', starting with a letter or digit.");
        if (document.Name is { } named && named != name)
            return BadRequest(context, $"role.name '{named}' does not match the role of the URI, '{name}'.");
        var entitlements = (document.Entitlements ?? []).Select(e => e.Name ?? "").ToList();
        if (entitlements.Any(e => e.Length == 0))
            return BadRequest(context, "role.entitlements: every entitlement needs a name.");
        if (entitlements.FirstOrDefault(e => !Entitlements.All.Contains(e)) is { } unknown)
            return BadRequest(context, $"role.entitlements: unknown entitlement '{unknown}'; known: {string.Join(", ", Entitlements.All)}.");

        var role = new Role(name, [.. entitlements.Distinct(StringComparer.Ordinal)]);
        var roles = await catalog.ListRolesAsync(context.RequestAborted).ConfigureAwait(false);
        var exists = roles.Any(r => r.Name == name);
        var after = roles.Where(r => r.Name != name).Append(role).ToList();
        var users = await catalog.ListUsersAsync(context.RequestAborted).ConfigureAwait(false);
        if (!LeavesAnAdministrator(users, after))
            return BadRequest(context, NoAdministratorLeft($"Taking '{Entitlements.UserAdministrate}' from role '{name}'"));
        await catalog.PutRoleAsync(role, context.RequestAborted).ConfigureAwait(false);
        authenticator.ForgetCallers();
        return exists
            ? new UForgeDocumentResult(UserMapping.ToDocument(role))
            : new UForgeDocumentResult(UserMapping.ToDocument(role), StatusCodes.Status201Created, "/api/roles/" + name);
    }

    /// <summary>Whether some active user would still administrate users (checked before a change is saved).</summary>
    private static bool LeavesAnAdministrator(IEnumerable<User> users, IReadOnlyList<Role> roles) =>
        users.Any(u => u.Active && UserMapping.RolesOf(u, roles).Any(r => r.Entitlements.Contains(Entitlements.UserAdministrate)));

    private static string NoAdministratorLeft(string change) =>
        $"{change} would leave no active user with the '{Entitlements.UserAdministrate}' entitlement; give another user the '{AdminBootstrap.AdminRole}' role first.";

    private static string? RoleProblem(IReadOnlyList<string> named, IReadOnlyList<Role> known)
    {
        if (named.Any(n => n.Length == 0))
            return "roles: every role needs a name.";
        return named.FirstOrDefault(n => known.All(r => r.Name != n)) is { } unknown
            ? $"roles: unknown role '{unknown}'; known: {string.Join(", ", known.Select(r => r.Name))}."
            : null;
    }

    private static string? PasswordProblem(string? password) => password switch
    {
        null or "" => "user.password is required.",
        { Length: < MinPasswordLength } => $"user.password is too short: at least {MinPasswordLength} characters.",
        _ => null,
    };

    private static string? EmailProblem(string? email) =>
        string.IsNullOrEmpty(email) || (email.Length <= 254 && EmailPattern().IsMatch(email))
            ? null
            : $"user.email '{email}' is not an email address.";

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static UForgeDocumentResult BadRequest(HttpContext context, string message) =>
        UForgeErrors.Result(context, StatusCodes.Status400BadRequest, message);

    private static UForgeDocumentResult NotFound(HttpContext context, string uid) =>
        UForgeErrors.Result(context, StatusCodes.Status404NotFound, $"No user '{uid}'.");

    /// <summary>Logins and role names: what is safe in a URI path and a file name.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
