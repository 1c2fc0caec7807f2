namespace Kiln.Server.Hosting;

/// <summary>The service's log messages, generated once (no formatting cost when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Kiln admin account created with the password from KILN_ADMIN_PASSWORD")]
    public static partial void AdminCreated(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);
}
