using Kiln.Builder.Appliances;
using Kiln.Builder.Planning;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Packages;

/// <summary>
/// Rejects packages the release does not have before anything is bootstrapped, naming the field and suggesting
/// close names. When the index cannot be fetched the check is skipped: the bootstrap will say what is missing.
/// </summary>
internal static class PackageCheck
{
    public static async Task ThrowIfUnknownAsync(BuildPlan plan, PackageIndexStore indexes, CancellationToken cancellationToken)
    {
        var requested = plan.Appliance.Os.Packages;
        if (requested.Count == 0)
            return;
        PackageIndex index;
        try
        {
            index = await indexes.GetAsync(plan.BaseKey.Mirror, plan.Release.Codename, plan.Architecture, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or ToolFailedException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return;
        }

        var errors = new List<ValidationError>();
        for (var i = 0; i < requested.Count; i++)
        {
            if (index.Find(requested[i]) is not null)
                continue;
            var close = CloseNames(index, requested[i]);
            errors.Add(new ValidationError($"os.packages[{i}]",
                $"{plan.Release.Distribution} {plan.Release.Release} ({plan.Release.Codename}) has no package '{requested[i]}'"
                + (close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "")));
        }
        if (errors.Count > 0)
            throw new ApplianceValidationException(errors);
    }

    /// <summary>Up to three names containing the request, else sharing its longest prefix (a typo is usually at the end).</summary>
    internal static IReadOnlyList<string> CloseNames(PackageIndex index, string name)
    {
        var containing = index.Search(name).Take(3).Select(p => p.Name).ToList();
        for (var length = name.Length - 1; containing.Count == 0 && length >= 3; length--)
            containing = [.. index.Search(name[..length] + "*").Take(3).Select(p => p.Name)];
        return containing;
    }
}
