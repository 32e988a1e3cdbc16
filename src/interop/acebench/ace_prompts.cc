#include "src/interop/acebench/ace_prompts.h"

namespace toolshift::acebench {
namespace {

std::string SpecialCases(bool chinese) {
  const std::string replies = "[\"" + std::string(kIncorrectValueReply) + "\"]\n[\"" + std::string(kMissingParametersReply) +
                              "\"]\n[\"" + std::string(kIrrelevantReply) + "\"]\n";
  if (chinese) {
    return "请根据对话历史和API说明判断属于以下哪种情况：\n"
           "1. 用户的请求清楚且有合适的API：调用这些API（若有多个API适用，全部调用）。\n"
           "2. 用户的请求不清楚、缺少必要参数、含有错误的参数值，或没有API能完成：只回复下面三句之一，"
           "把括号中的内容换成实际的值、参数名或API名：\n" +
           replies + "请先检查是否存在错误的参数值。\n";
  }
  return "Decide which of two cases the conversation is in:\n"
         "1. The request is clear and an API can serve it: make the API request(s) (all of them when several apply).\n"
         "2. The request is unclear, lacks a required value, holds an incorrect value, or no API can serve it: reply "
         "with exactly one of these sentences, the parts in parentheses replaced by the actual value, parameter names "
         "or API name:\n" +
         replies + "Check for an incorrect value first.\n";
}

}  // namespace

std::string SystemText(std::string_view category, bool chinese, const std::string& context) {
  const bool special = category.rfind("special_", 0) == 0;
  const bool preference = category == "normal_preference";
  std::string text;
  if (chinese) {
    text = preference ? "你是一个调用API的助手。请根据API说明、对话历史1..t和用户画像，给出第t+1步应当发出的API请求。\n"
                      : "你是一个调用API的助手。请根据API说明和对话历史1..t，给出第t+1步应当发出的API请求。\n";
    text += "未标为必需的参数都是可选的，只填写用户提到的参数；没有固定格式的值请沿用用户的原话。\n";
  } else {
    text = preference ? "You are an assistant that makes API requests. From the API descriptions, the conversation history "
                        "1..t and the user's profile, give the API request(s) the assistant should make at step t+1.\n"
                      : "You are an assistant that makes API requests. From the API specifications and the conversation "
                        "history 1..t, give the API request(s) the assistant should make at step t+1.\n";
    text += "Parameters not marked as required are optional: give only those the user mentioned. For values without a "
            "fixed format, keep the user's own wording.\n";
  }
  if (special) text += "\n" + SpecialCases(chinese);
  if (preference) {
    text += std::string(chinese ? "\n用户画像：" : "\nCharacter Profile: ") + context + "\n";
  } else if (!context.empty()) {
    text += "\n" + context + "\n";
  }
  text += chinese ? "\n角色说明：user 是用户，assistant 是调用API的助手" : "\nRoles: user is the user, assistant is the API caller";
  if (!special) text += chinese ? "，tool 是API返回的结果" : ", tool is what the APIs returned";
  text += chinese ? "。" : ".";
  return text;
}

std::string UserText(const std::string& question) { return "Conversation history 1..t:\n" + question; }

}  // namespace toolshift::acebench
